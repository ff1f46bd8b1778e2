# SPDX-License-Identifier: EUPL-1.2
"""Erasing the plan's free text when its case is anonymised: the one exception to the
freeze of adopted versions (docs/privacy.md, migration 0007).

Every free-text field (every text field without a fixed list of choices) of every version,
risk item, condition, agreement, recovery plan, agreement progress and scale score of the
plan becomes the marker, or stays empty when it was empty; the change history of the risk
items and agreements goes. Rows, statuses, ranks, owners and dates stay, so the factsheet
still counts them. Called only by ``privacy.services.case_anonymise``, inside its
transaction; nothing here checks permission, because no person asks for it.
"""

from django.db import models, transaction
from django.db.models import Value, When

from safetyplan.models import (
    AgreementProgress,
    PlanVersion,
    RecoveryPlan,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    SafetyPlan,
    ScaleScore,
    TextErasure,
)

VERSIONED = (PlanVersion, RiskItem, SafetyCondition, SafetyAgreement, RecoveryPlan)


def _text_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField) and not field.choices
    ]


def _erased(model, marker: str) -> dict:
    return {
        name: models.Case(When(**{name: ""}, then=Value("")), default=Value(marker))
        for name in _text_fields(model)
    }


@transaction.atomic
def plan_text_erase(*, case, marker: str) -> int:
    """Erase the free text of the case's plan, adopted versions included. Returns the
    number of versions. The erasure rows that open the freeze are deleted again before
    this (savepoint) transaction ends; if anything fails, the rollback removes them."""
    plan = SafetyPlan.objects.filter(case=case).first()
    if plan is None:
        return 0
    version_ids = list(PlanVersion.objects.filter(plan=plan).values_list("pk", flat=True))
    TextErasure.objects.bulk_create(TextErasure(version_id=pk) for pk in version_ids)
    for model in VERSIONED:
        rows = (
            model.objects.filter(pk__in=version_ids)
            if model is PlanVersion
            else model.objects.filter(version_id__in=version_ids)
        )
        # Past the queryset's own freezing guard: the triggers decide, with the rows above.
        models.QuerySet.update(rows, **_erased(model, marker))
    TextErasure.objects.filter(version_id__in=version_ids).delete()
    AgreementProgress.objects.filter(plan=plan).update(**_erased(AgreementProgress, marker))
    ScaleScore.objects.filter(risk__plan=plan).update(**_erased(ScaleScore, marker))
    RiskItem.changes.model.objects.filter(version_id__in=version_ids).delete()
    SafetyAgreement.changes.model.objects.filter(version_id__in=version_ids).delete()
    return len(version_ids)
