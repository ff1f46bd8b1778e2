# SPDX-License-Identifier: EUPL-1.2
"""Safety conditions (what must minimally be in place) of a risk item."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from safetyplan.models import (
    RiskItem,
    SafetyCondition,
)
from safetyplan.services.base import (
    _editable_draft,
    _save_locked,
)


@transaction.atomic
def condition_create(*, actor: User, item: RiskItem, text: str, is_met: bool = False):
    version = _editable_draft(actor=actor, version=item.version)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf wat minimaal op orde moet zijn.")})
    condition = SafetyCondition.objects.create(
        version=version, risk_item=item, text=text.strip(), is_met=is_met
    )
    audit_record(actor=actor, action=Action.CREATE, case=version.plan.case, obj=condition)
    return condition


@transaction.atomic
def condition_update(
    *, actor: User, condition: SafetyCondition, text: str, is_met: bool, lock_version: int | None
) -> SafetyCondition:
    version = _editable_draft(actor=actor, version=condition.version)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf wat minimaal op orde moet zijn.")})
    condition.text, condition.is_met = text.strip(), is_met
    _save_locked(condition, lock_version=lock_version, fields=["text", "is_met"])
    audit_record(actor=actor, action=Action.UPDATE, case=version.plan.case, obj=condition)
    return condition


@transaction.atomic
def condition_delete(*, actor: User, condition: SafetyCondition) -> None:
    version = _editable_draft(actor=actor, version=condition.version)
    audit_record(actor=actor, action=Action.DELETE, case=version.plan.case, obj=condition)
    condition.delete()
