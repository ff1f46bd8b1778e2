# SPDX-License-Identifier: EUPL-1.2
"""What the case's phase machine asks of the safety plan (read-only).

Both guards look at the latest *adopted* version only: a draft promises nothing yet.
"""

from django.db.models import Case, Exists, F, Func, OuterRef, Subquery, Value, When
from django.db.models.lookups import GreaterThanOrEqual, LessThanOrEqual
from django.utils.translation import gettext as _

from config.formats import local_date
from safetyplan.models import (
    AgreementPart,
    AgreementStatus,
    ItemStatus,
    PlanVersion,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    VersionStatus,
)

# Both guards as values of the case page's one query of its case (casework.page), so the
# page lists the open transitions without the guards' own queries. Only the page's case
# carries them: a transition itself reads the case afresh and asks the guards again.
# A change to a guard below changes its expression here too (tests/safetyplan/test_services.py
# compares both at every step of a plan).
IMMEDIATE_SAFETY = "plan_immediate_safety_reached"
CARE_AGREEMENTS = "plan_care_agreements_in_place"


def _active_items_of_latest_adopted():
    """The active risk items of the latest adopted version of the outer query's case."""
    latest = (
        PlanVersion.objects.filter(
            plan__case=OuterRef(OuterRef("pk")), status=VersionStatus.ADOPTED
        )
        .order_by("-number")
        .values("pk")[:1]
    )
    return RiskItem.objects.filter(version=Subquery(latest), status=ItemStatus.ACTIVE)


def case_page_annotations(now) -> dict:
    items = _active_items_of_latest_adopted()
    count = Subquery(items.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))
    conditions = SafetyCondition.objects.filter(risk_item=OuterRef("pk"))
    not_safe = items.filter(~Exists(conditions) | Exists(conditions.filter(is_met=False)))
    care = SafetyAgreement.objects.filter(risk_item=OuterRef("pk"), part=AgreementPart.CARE)
    without_care = items.filter(~Exists(care))
    return {
        IMMEDIATE_SAFETY: Case(
            When(
                GreaterThanOrEqual(count, 1) & LessThanOrEqual(count, 3) & ~Exists(not_safe),
                then=Value(True),
            ),
            default=Value(False),
        ),
        CARE_AGREEMENTS: Case(
            When(Exists(items) & ~Exists(without_care), then=Value(True)), default=Value(False)
        ),
    }


def latest_adopted_version(case) -> PlanVersion | None:
    return (
        PlanVersion.objects.filter(plan__case=case, status=VersionStatus.ADOPTED)
        .order_by("-number")
        .first()
    )


def immediate_safety_reached(case) -> bool:
    """An adopted plan with 1-3 risk items whose immediate-safety conditions are all met."""
    known = getattr(case, IMMEDIATE_SAFETY, None)
    if known is not None:
        return known
    version = latest_adopted_version(case)
    if version is None:
        return False
    # One query: per active item, whether it has conditions and whether one is unmet.
    conditions = SafetyCondition.objects.filter(risk_item=OuterRef("pk"))
    items = list(
        version.risk_items.filter(status=ItemStatus.ACTIVE)
        .annotate(
            has_conditions=Exists(conditions), has_unmet=Exists(conditions.filter(is_met=False))
        )
        .values_list("has_conditions", "has_unmet")
    )
    if not 1 <= len(items) <= 3:
        return False
    return all(has and not unmet for has, unmet in items)


def care_agreements_in_place(case) -> bool:
    """Every risk item of the latest adopted plan has at least one risk-steered care
    agreement (an agreement in the care part of the plan, AgreementPart.CARE)."""
    known = getattr(case, CARE_AGREEMENTS, None)
    if known is not None:
        return known
    version = latest_adopted_version(case)
    if version is None:
        return False
    items = list(version.risk_items.filter(status=ItemStatus.ACTIVE).prefetch_related("agreements"))
    if not items:
        return False
    return all(any(a.part == AgreementPart.CARE for a in item.agreements.all()) for item in items)


def close_warnings(case) -> list[str]:
    """What is still open in the latest adopted plan when a case is to be closed: unmet
    immediate-safety conditions and open agreements (casework.lifecycle lists them on the
    closure decision page)."""
    version = latest_adopted_version(case)
    if version is None:
        return []
    sentences = [
        _("Voorwaarde voor directe veiligheid niet vervuld: %(text)s") % {"text": c.text}
        for c in SafetyCondition.objects.filter(
            version=version, is_met=False, risk_item__status=ItemStatus.ACTIVE
        )
    ]
    sentences += [
        _("Afspraak nog open (uiterlijk %(date)s): %(text)s")
        % {"date": local_date(a.due_date), "text": a.description}
        for a in SafetyAgreement.objects.filter(
            version=version, progress__status=AgreementStatus.OPEN
        )
    ]
    return sentences
