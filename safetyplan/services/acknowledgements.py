# SPDX-License-Identifier: EUPL-1.2
"""Each participating organisation acknowledges an adopted version."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from safetyplan import permissions
from safetyplan.models import (
    PlanAcknowledgement,
    PlanVersion,
    VersionStatus,
)


@transaction.atomic
def plan_acknowledge(*, actor: User, version: PlanVersion) -> PlanAcknowledgement:
    version = PlanVersion.objects.select_related("plan__case").get(pk=version.pk)
    case = version.plan.case
    if not permissions.can_acknowledge(actor, case):
        raise PermissionDenied
    if version.status != VersionStatus.ADOPTED:
        raise ValidationError(_("Alleen een vastgestelde versie kan voor gezien worden getekend."))
    if version.acknowledgements.filter(organisation_id=actor.organisation_id).exists():
        raise ValidationError(_("Uw organisatie heeft deze versie al voor gezien getekend."))
    try:
        with transaction.atomic():
            ack = PlanAcknowledgement.objects.create(
                version=version, organisation=actor.organisation, acknowledged_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("Uw organisatie heeft deze versie al voor gezien getekend.")
        ) from None
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=ack)
    return ack
