# SPDX-License-Identifier: EUPL-1.2
"""The safety scale (0-10) of a risk, recorded over time."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from safetyplan import permissions
from safetyplan.models import (
    Risk,
    ScaleScore,
)
from safetyplan.services.base import (
    _open_case,
)


@transaction.atomic
def scale_score_record(*, actor: User, risk: Risk, score, note: str = "") -> ScaleScore:
    risk = Risk.objects.select_related("plan__case").get(pk=risk.pk)
    case = risk.plan.case
    if not permissions.can_record_score(actor, case):
        raise PermissionDenied
    _open_case(case)
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise ValidationError({"score": _("Een score op de veiligheidsschaal loopt van 0 tot 10.")})
    entry = ScaleScore.objects.create(
        risk=risk,
        score=score,
        note=note.strip()[:500],
        recorded_at=timezone.now(),
        recorded_by=actor,
        organisation=actor.organisation,
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=entry)
    return entry
