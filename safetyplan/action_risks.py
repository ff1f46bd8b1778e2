# SPDX-License-Identifier: EUPL-1.2
"""The source of conferences.risks (issue 20): which Top-3 items a conference action may
name, the links it names, and how the pages call them. Registered in AppConfig.ready().

The Top-3 of a case is that of its current plan version: the newest adopted one (what the
partners agreed on), else the draft while nothing has been adopted yet. Each function reads
all cases or actions of a page in one or two queries.
"""

from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from conferences.risks import ActionRiskSource
from safetyplan.models import ActionRisk, ItemStatus, PlanVersion, RiskItem, VersionStatus


def _current_version(plan):
    """The id of the plan's current version: the newest adopted one, else the draft."""
    versions = PlanVersion.objects.filter(plan=plan)
    adopted = versions.filter(status=VersionStatus.ADOPTED).order_by("-number").values("pk")[:1]
    draft = versions.filter(status=VersionStatus.DRAFT).values("pk")[:1]
    return Coalesce(Subquery(adopted), Subquery(draft))


def _label(rank: int, title: str) -> str:
    return f"{rank}. {title}"


def top3_choices(cases) -> dict[int, list[tuple[int, str]]]:
    """{case id: [(risk id, "1. <title>"), ...]} in rank order, one query for all cases."""
    items = (
        RiskItem.objects.filter(
            version__plan__case_id__in=[case.pk for case in cases], status=ItemStatus.ACTIVE
        )
        .annotate(current=_current_version(OuterRef("version__plan")))
        .filter(version_id=F("current"))
        .order_by("rank")
        .values_list("version__plan__case_id", "risk_id", "rank", "title")
    )
    choices: dict[int, list[tuple[int, str]]] = {}
    for case_id, risk_id, rank, title in items:
        choices.setdefault(case_id, []).append((risk_id, _label(rank, title)))
    return choices


def links_save(action, risk_ids: list[int]) -> None:
    """Called by conferences.services.action_record inside its transaction, with ids it
    checked against top3_choices."""
    ActionRisk.objects.bulk_create(ActionRisk(action=action, risk_id=pk) for pk in risk_ids)


def action_labels(actions) -> dict[int, list[str]]:
    """{action id: ["1. <title>", ...]}: each linked situation by its item in the current
    version; one that left the Top-3 by its last title, marked so. Two queries."""
    links = list(
        ActionRisk.objects.filter(action_id__in=[a.pk for a in actions]).values_list(
            "action_id", "risk_id"
        )
    )
    if not links:
        return {}
    items = (
        RiskItem.objects.filter(risk_id__in={risk_id for _a, risk_id in links})
        .annotate(current=_current_version(OuterRef("version__plan")))
        .order_by("version__number", "pk")
        .values_list("risk_id", "version_id", "current", "status", "rank", "title")
    )
    named: dict[int, tuple[int, str]] = {}
    for risk_id, version_id, current, status, rank, title in items:
        if version_id == current and status == ItemStatus.ACTIVE:
            named[risk_id] = (rank, _label(rank, title))
        elif named.get(risk_id, (4, ""))[0] > 3:  # not (yet) seen in the current Top-3
            named[risk_id] = (4, _("%(title)s (niet meer in de Top-3)") % {"title": title})
    labels: dict[int, list[tuple[int, str]]] = {}
    for action_id, risk_id in links:
        if risk_id in named:
            labels.setdefault(action_id, []).append(named[risk_id])
    return {
        action_id: [label for _r, label in sorted(found)] for action_id, found in labels.items()
    }


SOURCE = ActionRiskSource(choices=top3_choices, save=links_save, labels=action_labels)
