# SPDX-License-Identifier: EUPL-1.2
"""Safety agreements (who does what by when) and their status."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.models import Action
from audit.services import audit_record
from safetyplan import permissions
from safetyplan.models import (
    AgreementPart,
    AgreementProgress,
    AgreementStatus,
    ItemStatus,
    RiskItem,
    SafetyAgreement,
)
from safetyplan.services.base import (
    _check_owner,
    _editable_draft,
    _open_case,
    _save_locked,
    _sync_agreement,
)


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    item: RiskItem,
    description: str,
    owner_organisation: Organisation | None,
    due_date: date | None,
    owner_user: User | None = None,
    part: str = AgreementPart.SAFETY,
) -> SafetyAgreement:
    version = _editable_draft(actor=actor, version=item.version)
    case = version.plan.case
    item = RiskItem.objects.get(pk=item.pk, version=version)
    if item.status != ItemStatus.ACTIVE:
        raise ValidationError(_("Een vervangen situatie krijgt geen nieuwe afspraken."))
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wie wat gaat doen.")})
    if part not in AgreementPart.values:
        raise ValidationError({"part": _("Kies het deel van het plan.")})
    _check_owner(case, owner_organisation, owner_user)
    if due_date is None:
        raise ValidationError({"due_date": _("Vul een uiterste datum in.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("De uiterste datum ligt in het verleden.")})
    progress = AgreementProgress.objects.create(plan=version.plan)
    agreement = SafetyAgreement.objects.create(
        version=version,
        risk_item=item,
        progress=progress,
        part=part,
        description=description.strip(),
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    _sync_agreement(agreement, case=case)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: SafetyAgreement,
    description: str,
    owner_organisation: Organisation | None,
    due_date: date | None,
    owner_user: User | None = None,
    part: str = AgreementPart.SAFETY,
    lock_version: int | None,
) -> SafetyAgreement:
    version = _editable_draft(actor=actor, version=agreement.version)
    case = version.plan.case
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wie wat gaat doen.")})
    if part not in AgreementPart.values:
        raise ValidationError({"part": _("Kies het deel van het plan.")})
    _check_owner(case, owner_organisation, owner_user)
    if due_date is None:
        raise ValidationError({"due_date": _("Vul een uiterste datum in.")})
    stored = SafetyAgreement.objects.get(pk=agreement.pk)
    if due_date != stored.due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("De nieuwe uiterste datum ligt in het verleden.")})
    if due_date != stored.due_date or owner_organisation != stored.owner_organisation:
        # Set anew by the plan's author: replaces a manager's earlier decision.
        AgreementProgress.objects.filter(pk=agreement.progress_id).update(
            decided_due_date=None,
            decided_owner_organisation=None,
            decided_owner_user=None,
            decided_by=None,
            decided_at=None,
        )
    agreement.description = description.strip()
    agreement.owner_organisation = owner_organisation
    agreement.owner_user = owner_user
    agreement.due_date = due_date
    agreement.part = part
    _save_locked(
        agreement,
        lock_version=lock_version,
        fields=["description", "owner_organisation", "owner_user", "due_date", "part"],
    )
    agreement.progress.refresh_from_db()
    _sync_agreement(agreement, case=case)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=agreement)
    return agreement


@transaction.atomic
def agreement_delete(*, actor: User, agreement: SafetyAgreement) -> None:
    version = _editable_draft(actor=actor, version=agreement.version)
    case = version.plan.case
    _sync_agreement(agreement, case=case, removed=True)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=agreement)
    agreement.delete()


@transaction.atomic
def agreement_set_status(
    *,
    actor: User,
    agreement: SafetyAgreement,
    status: str,
    notes: str,
    lock_version: int | None,
) -> AgreementProgress:
    """Status and notes of an agreement: the owning partner (or the coordinator) records
    how it is going. Not versioned, so it works on adopted versions too."""
    agreement = SafetyAgreement.objects.select_related(
        "progress", "version__plan__case", "owner_organisation", "owner_user"
    ).get(pk=agreement.pk)
    case = agreement.version.plan.case
    if not permissions.can_update_agreement(actor, case, agreement.owner_organisation_id):
        raise PermissionDenied
    _open_case(case)
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Kies open, nagekomen of niet nagekomen.")})
    if status == AgreementStatus.NOT_MET and not notes.strip():
        # Issue 20: what was not done, and why, is what the next conference talks about.
        raise ValidationError({"notes": _("Geef de reden waarom de afspraak niet is nagekomen.")})
    progress = AgreementProgress.objects.select_for_update().get(pk=agreement.progress_id)
    changed = status != progress.status
    progress.status = status
    progress.notes = notes.strip()
    fields = ["status", "notes"]
    if changed:
        progress.status_changed_at = timezone.now()
        progress.status_changed_by = actor
        fields += ["status_changed_at", "status_changed_by"]
    _save_locked(progress, lock_version=lock_version, fields=fields)
    agreement.progress = progress
    # The deadline follows the newest text of this agreement (draft included).
    newest = (
        SafetyAgreement.objects.filter(progress=progress)
        .select_related("owner_organisation", "owner_user", "progress")
        .order_by("-version__number")
        .first()
    )
    newest.progress = progress
    _sync_agreement(newest, case=case)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=progress)
    return progress
