# SPDX-License-Identifier: EUPL-1.2
"""The plan summary on the case page (registered as a case-page section in
SafetyplanConfig.ready()), read in a fixed number of queries; and the notification of an
adopted version."""

from django.utils.translation import gettext as _

from casework.selectors import case_team_ids
from notifications.registry import Described
from safetyplan import permissions
from safetyplan.models import PlanVersion, VersionStatus
from safetyplan.selectors import acknowledgement_overview, latest_versions


def plan_case_section(case, user, now) -> dict | None:
    if not permissions.can_view_plan(user, case):
        return None
    versions = latest_versions(case)
    adopted = next((v for v in versions if v.status == VersionStatus.ADOPTED), None)
    draft = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
    missing = []
    if adopted is not None:
        missing = [
            r["organisation"] for r in acknowledgement_overview(case, adopted) if not r["ack"]
        ]
    return {"adopted": adopted, "draft": draft, "missing": missing}


def describe_plan_adopted(case_id: int, pk: str) -> Described:
    """The notification that a plan version was adopted, for the case team."""
    version = PlanVersion.objects.select_related("plan__case__coordinator").get(
        pk=pk, plan__case_id=case_id
    )
    case = version.plan.case
    message = _(
        "Versie %(number)s van het veiligheidsplan van casus %(ref)s is vastgesteld; "
        "bevestig dat uw organisatie deze heeft gezien."
    ) % {"number": version.number, "ref": case.reference}
    return Described(message, case_team_ids(case))
