# SPDX-License-Identifier: EUPL-1.2
"""The plan summary on the case page, read in a fixed number of queries."""

from django import template

from safetyplan import permissions
from safetyplan.models import VersionStatus
from safetyplan.selectors import acknowledgement_overview, versions_of

register = template.Library()


@register.simple_tag
def plan_summary(case, user) -> dict | None:
    if not permissions.can_view_plan(user, case):
        return None
    versions = list(versions_of(case)[:2])
    adopted = next((v for v in versions if v.status == VersionStatus.ADOPTED), None)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    missing = []
    if adopted is not None:
        missing = [
            r["organisation"] for r in acknowledgement_overview(case, adopted) if not r["ack"]
        ]
    return {"adopted": adopted, "draft": draft, "missing": missing}
