# SPDX-License-Identifier: EUPL-1.2
"""Reads of the safety plan. Callers first get the case through case_get_for(), which
already applies access rules; everything here stays inside that one case."""

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from casework.conditions import PAGE_MEMBERSHIPS
from casework.models import Case
from config.prepared import PreparedQuery
from safetyplan.models import (
    ItemStatus,
    PlanAcknowledgement,
    PlanVersion,
    Risk,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    SafetyPlan,
    ScaleScore,
    VersionStatus,
)


def plan_for(case: Case) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(case=case).first()


def _versions(*, case_id: int) -> QuerySet[PlanVersion]:
    return (
        PlanVersion.objects.filter(plan__case_id=case_id)
        .select_related("adopted_by", "created_by")
        .order_by("-number")
    )


def versions_of(case: Case) -> QuerySet[PlanVersion]:
    return _versions(case_id=case.pk)


def _latest_versions(*, case_id: int) -> QuerySet[PlanVersion]:
    return _versions(case_id=case_id)[:2]


def _acknowledgements(*, version_id: int) -> QuerySet[PlanAcknowledgement]:
    return PlanAcknowledgement.objects.filter(version_id=version_id).select_related(
        "acknowledged_by"
    )


# The case page's plan summary reads these at every view: compiled once per process.
_LATEST_VERSIONS = PreparedQuery(_latest_versions, case_id=int)
_ACKNOWLEDGEMENTS = PreparedQuery(_acknowledgements, version_id=int)


def latest_versions(case: Case) -> list[PlanVersion]:
    """The two newest versions of the case's plan (a draft and the adopted one before it,
    or one of them), newest first: versions_of(case)[:2]."""
    return _LATEST_VERSIONS(case_id=case.pk)


def version_get(case: Case, number) -> PlanVersion:
    """One version of this case's plan, or 404."""
    try:
        return versions_of(case).get(number=int(number))
    except (PlanVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def draft_of(case: Case) -> PlanVersion | None:
    return versions_of(case).filter(status=VersionStatus.DRAFT).first()


def latest_adopted(case: Case) -> PlanVersion | None:
    return versions_of(case).filter(status=VersionStatus.ADOPTED).first()


@dataclass
class VersionContent:
    """A version with everything the plan page, the compare page and the PDF show, read
    in a fixed number of queries."""

    version: PlanVersion
    items: list[RiskItem]
    replaced: list[RiskItem]
    recovery_plans: list
    scores: dict[int, list[ScaleScore]] = field(default_factory=dict)


def version_content(version: PlanVersion, *, with_scores: bool = True) -> VersionContent:
    agreements = SafetyAgreement.objects.select_related(
        "owner_organisation", "owner_user", "progress__status_changed_by"
    ).order_by("due_date", "pk")
    items = list(
        RiskItem.objects.filter(version=version)
        .select_related("replaced_by")
        .prefetch_related("conditions", Prefetch("agreements", queryset=agreements))
        .order_by("rank", "replaced_at", "pk")
    )
    scores: dict[int, list[ScaleScore]] = {}
    if with_scores and items:
        for score in ScaleScore.objects.filter(
            risk_id__in=[i.risk_id for i in items]
        ).select_related("recorded_by", "organisation"):
            scores.setdefault(score.risk_id, []).append(score)
    for item in items:
        item.score_series = scores.get(item.risk_id, [])
    return VersionContent(
        version=version,
        items=[i for i in items if i.status == ItemStatus.ACTIVE],
        replaced=[i for i in items if i.status == ItemStatus.REPLACED],
        recovery_plans=list(version.recovery_plans.select_related("person")),
        scores=scores,
    )


def acknowledgement_overview(case: Case, version: PlanVersion) -> list[dict]:
    """Every organisation taking part, with its acknowledgement of this version or None."""
    acks = {a.organisation_id: a for a in _ACKNOWLEDGEMENTS(version_id=version.pk)}
    loaded = getattr(case, PAGE_MEMBERSHIPS, None)  # the case page read them once
    if loaded is not None:
        orgs = sorted((m for m in loaded if m.user_id is None), key=lambda m: m.organisation.name)
    else:
        orgs = (
            case.memberships.active()
            .organisations()
            .select_related("organisation")
            .order_by("organisation__name")
        )
    return [{"organisation": m.organisation, "ack": acks.get(m.organisation_id)} for m in orgs]


# --- Objects below the case, always within the case (or draft) they belong to ---------------
def _one(qs):
    """The one object of `qs`, or None for a missing or malformed id."""
    try:
        return qs.first()
    except (ValueError, TypeError, OverflowError):
        return None


def risk_item_in(version: PlanVersion, pk) -> RiskItem | None:
    return _one(RiskItem.objects.filter(pk=pk, version=version).select_related("risk"))


def condition_in(item: RiskItem, pk) -> SafetyCondition | None:
    return _one(SafetyCondition.objects.filter(pk=pk, risk_item=item))


def agreement_in(item: RiskItem, pk) -> SafetyAgreement | None:
    return _one(SafetyAgreement.objects.filter(pk=pk, risk_item=item))


def agreement_of_case(case: Case, pk) -> SafetyAgreement | None:
    return _one(
        SafetyAgreement.objects.filter(pk=pk, version__plan__case=case).select_related(
            "progress", "owner_organisation", "risk_item"
        )
    )


def risk_of_case(case: Case, pk) -> Risk | None:
    return _one(Risk.objects.filter(pk=pk, plan__case=case))


def active_items(version: PlanVersion) -> list[RiskItem]:
    return list(version.risk_items.filter(status=ItemStatus.ACTIVE))


def free_rank(version: PlanVersion) -> int | None:
    """The first of ranks 1-3 that no active risk item holds (None when the Top-3 is full)."""
    taken = {item.rank for item in active_items(version)}
    return next((rank for rank in (1, 2, 3) if rank not in taken), None)


def person_of_case(case: Case, pk):
    return _one(case.persons.filter(pk=pk))


def recovery_plan_of(version: PlanVersion, person):
    return version.recovery_plans.filter(person=person).first()
