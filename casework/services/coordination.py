# SPDX-License-Identifier: EUPL-1.2
"""Handing coordination of a case to another ZVH: an explicit, logged transfer.

The case's coordinator asks, with a reason, naming a coordinator of the receiving ZVH;
nothing changes until that coordinator accepts. Then the receiving ZVH becomes the
coordinating organisation (it joins the case if it did not take part yet), the manage
grant moves with it, and the former ZVH stays an ordinary, removable partner.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import OrganisationKind, Role, User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, CaseMembership, CoordinationTransfer, LegalBasis
from casework.permissions import can_manage_case, forget_case_perms
from casework.services import access
from notifications.services import notifications_create


@transaction.atomic
def coordination_transfer_request(
    *, actor: User, case: Case, to_coordinator: User, reason: str
) -> CoordinationTransfer:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_manage_case(actor, case):
        raise PermissionDenied
    target = to_coordinator.organisation
    if (
        to_coordinator.role != Role.COORDINATOR
        or not to_coordinator.is_active
        or target is None
        or target.kind != OrganisationKind.ZVH
    ):
        raise ValidationError(
            {"to_coordinator": _("Kies een actieve procesregisseur van een ander ZVH.")}
        )
    if target.pk == case.coordinating_organisation_id:
        raise ValidationError(
            {"to_coordinator": _("Dit ZVH voert de regie al; kies een ander ZVH.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Beschrijf waarom de regie wordt overgedragen.")})
    if case.coordination_transfers.filter(status=CoordinationTransfer.Status.PENDING).exists():
        raise ValidationError(_("Er wacht al een overdracht van de regie op aanvaarding."))
    transfer = CoordinationTransfer.objects.create(
        case=case,
        from_organisation_id=case.coordinating_organisation_id,
        to_organisation=target,
        to_coordinator=to_coordinator,
        reason=reason.strip(),
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        case=case,
        obj=transfer,
        purpose=f"overdracht regie gevraagd aan organisatie {target.pk}",
    )
    notifications_create(
        recipient_ids=[to_coordinator.pk],
        kind="coordination_transfer",
        message=_("U wordt gevraagd de regie over casus %(reference)s over te nemen.")
        % {"reference": case.reference},
        event_key=f"coordination_transfer:{transfer.pk}",
    )
    return transfer


@transaction.atomic
def coordination_transfer_decide(
    *, actor: User, transfer: CoordinationTransfer, accept: bool
) -> CoordinationTransfer:
    """Only the named coordinator of the receiving ZVH accepts or declines."""
    transfer = CoordinationTransfer.objects.select_for_update().get(pk=transfer.pk)
    if actor.pk != transfer.to_coordinator_id or not actor.is_active:
        raise PermissionDenied
    if transfer.status != CoordinationTransfer.Status.PENDING:
        raise ValidationError(_("Over deze overdracht is al besloten."))
    case = Case.objects.select_for_update().get(pk=transfer.case_id)
    transfer.decided_at = timezone.now()
    if not accept:
        transfer.status = CoordinationTransfer.Status.DECLINED
        transfer.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=actor,
            action=Action.UPDATE,
            case=case,
            obj=transfer,
            purpose="overdracht geweigerd",
        )
        return transfer
    if not case.memberships.filter(
        organisation=transfer.to_organisation, user__isnull=True, removed_at__isnull=True
    ).exists():
        # The new coordinating ZVH shares under the WGS, as every coordinating ZVH does.
        CaseMembership.objects.create(
            case=case,
            organisation=transfer.to_organisation,
            added_by=actor,
            legal_basis=LegalBasis.WGS,
            sharing_note=_("Regievoerend Zorg- en Veiligheidshuis (overdracht van de regie)"),
        )
        access.grant_organisation(case=case, organisation=transfer.to_organisation)
    previous_organisation = transfer.from_organisation
    case.coordinating_organisation = transfer.to_organisation
    case.coordinator = actor
    case.save(update_fields=["coordinating_organisation", "coordinator"])
    access.move_coordination(
        case=case, from_organisation=previous_organisation, to_organisation=transfer.to_organisation
    )
    transfer.status = CoordinationTransfer.Status.ACCEPTED
    transfer.save(update_fields=["status", "decided_at"])
    forget_case_perms(actor)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        case=case,
        obj=transfer,
        purpose=(
            f"regie overgedragen van organisatie {previous_organisation.pk} "
            f"naar {transfer.to_organisation.pk}"
        ),
    )
    return transfer
