# SPDX-License-Identifier: EUPL-1.2
"""Escalation of overdue deadlines to managers (doorzettingsmacht) and their decisions."""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.models import Action
from audit.services import audit_record
from casework.selectors import owner_errors
from deadlines.models import (
    Deadline,
    Escalation,
    EscalationDecision,
    EscalationStatus,
    Reminder,
    ReminderKind,
)
from deadlines.permissions import can_decide_escalation
from deadlines.registry import DECISION_HANDLERS
from deadlines.selectors import deadlines_to_escalate, escalations_ignored
from deadlines.services.reminders import reminders_dispatch


def _response_due(now: datetime) -> datetime:
    return now + timedelta(days=settings.CASUSREGIE_ESCALATION_RESPONSE_DAYS)


def _open_escalation(
    *, deadline: Deadline, now: datetime, level: int = 1, previous: Escalation | None = None
) -> Escalation | None:
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                case_id=deadline.case_id,
                deadline=deadline,
                level=level,
                previous=previous,
                due_date=deadline.due_date,
                owner_organisation_id=deadline.owner_organisation_id,
                raised_at=now,
                response_due_at=_response_due(now),
            )
    except IntegrityError:  # an open escalation already exists: nothing to raise
        return None
    Reminder.objects.create(
        case_id=deadline.case_id,
        escalation=escalation,
        kind=ReminderKind.ESCALATION_RAISED,
        due_at=now,
    )
    return escalation


@transaction.atomic
def escalations_raise(*, now: datetime) -> int:
    """Raise an escalation for every deadline past its grace period (scan step). The
    reminders it plans are dispatched by the same scan."""
    # Escalations of deadlines completed or cancelled meanwhile leave the queue.
    Escalation.objects.filter(status=EscalationStatus.OPEN).exclude(deadline__status="open").update(
        status=EscalationStatus.RESOLVED
    )
    raised = 0
    for deadline in deadlines_to_escalate(now=now).select_for_update(skip_locked=True)[:500]:
        if _open_escalation(deadline=deadline, now=now) is not None:
            raised += 1
    return raised


@transaction.atomic
def escalations_escalate_ignored(*, now: datetime) -> int:
    """An escalation nobody decided on in time goes one level up; at the top level the
    managers and the coordinator are told once that the response is overdue."""
    count = 0
    top = settings.CASUSREGIE_ESCALATION_MAX_LEVEL
    for escalation in escalations_ignored(now=now).select_for_update(skip_locked=True)[:500]:
        Reminder.objects.create(
            case_id=escalation.case_id,
            escalation=escalation,
            kind=ReminderKind.ESCALATION_IGNORED,
            due_at=escalation.response_due_at,
        )
        if escalation.level < top:
            Escalation.objects.filter(pk=escalation.pk).update(status=EscalationStatus.ESCALATED)
            _open_escalation(
                deadline=escalation.deadline,
                now=now,
                level=escalation.level + 1,
                previous=escalation,
            )
        count += 1
    return count


@transaction.atomic
def escalation_decide(
    *,
    actor: User,
    escalation: Escalation,
    decision: str,
    reason: str,
    new_due_date: date | None = None,
    new_owner_organisation: Organisation | None = None,
    new_owner_user: User | None = None,
    now: datetime | None = None,
) -> Escalation:
    now = now or timezone.now()
    escalation = (
        Escalation.objects.select_for_update(of=("self",))
        .select_related("case__coordinator", "deadline")
        .get(pk=escalation.pk)
    )
    if not can_decide_escalation(actor, escalation):
        raise PermissionDenied
    if escalation.status != EscalationStatus.OPEN:
        raise ValidationError(_("Over deze escalatie is al besloten."))
    errors = {}
    if decision not in EscalationDecision.values:
        errors["decision"] = _("Kies een besluit.")
    if not reason.strip():
        errors["reason"] = _("Geef een toelichting bij het besluit.")
    deadline = escalation.deadline
    if decision == EscalationDecision.NEW_DATE:
        if new_due_date is None:
            errors["new_due_date"] = _("Vul de nieuwe datum in.")
        elif new_due_date <= timezone.localdate(now):
            errors["new_due_date"] = _("De nieuwe datum moet na vandaag liggen.")
    if decision == EscalationDecision.REASSIGN:
        owner = owner_errors(
            escalation.case,
            new_owner_organisation,
            new_owner_user,
            missing=_("Kies de nieuwe eigenaar."),
            organisation_field="new_owner_organisation",
            user_field="new_owner_user",
        )
        errors.update(owner)
        if not owner and (
            new_owner_organisation.pk == deadline.owner_organisation_id
            and (new_owner_user.pk if new_owner_user else None) == deadline.owner_user_id
        ):
            errors["new_owner_organisation"] = _("Kies een andere eigenaar dan de huidige.")
    if (
        decision == EscalationDecision.ESCALATE
        and escalation.level >= settings.CASUSREGIE_ESCALATION_MAX_LEVEL
    ):
        errors["decision"] = _("Deze escalatie is al op het hoogste niveau.")
    if errors:
        raise ValidationError(errors)

    escalation.decision = decision
    escalation.reason = reason.strip()
    escalation.decided_by = actor
    escalation.decided_at = now
    escalation.status = (
        EscalationStatus.ESCALATED
        if decision == EscalationDecision.ESCALATE
        else EscalationStatus.DECIDED
    )
    if decision == EscalationDecision.NEW_DATE:
        escalation.new_due_date = new_due_date
        Deadline.objects.filter(pk=deadline.pk).update(due_date=new_due_date, updated_at=now)
    elif decision == EscalationDecision.REASSIGN:
        escalation.new_owner_organisation = new_owner_organisation
        escalation.new_owner_user = new_owner_user
        Deadline.objects.filter(pk=deadline.pk).update(
            owner_organisation=new_owner_organisation, owner_user=new_owner_user, updated_at=now
        )
    escalation.save()
    handler = DECISION_HANDLERS.get(deadline.source_type)
    if handler is not None and decision in (
        EscalationDecision.NEW_DATE,
        EscalationDecision.REASSIGN,
    ):
        # The source keeps its own date and owner: it records the decision too, so the
        # next deadline_sync from the source does not undo it.
        handler(deadline=deadline, escalation=escalation, actor=actor)
    if decision == EscalationDecision.ESCALATE:
        deadline.refresh_from_db()
        _open_escalation(
            deadline=deadline, now=now, level=escalation.level + 1, previous=escalation
        )
    decided = Reminder.objects.create(
        case_id=escalation.case_id,
        escalation=escalation,
        kind=ReminderKind.ESCALATION_DECIDED,
        due_at=now,
    )
    # The owner hears of the decision now, not at the next scan.
    reminders_dispatch(
        reminders=Reminder.objects.filter(pk=decided.pk).select_related(
            "case__coordinator", "escalation__case__coordinator", "escalation__deadline__owner_user"
        ),
        now=now,
    )
    audit_record(actor=actor, action=Action.UPDATE, case=escalation.case, obj=escalation)
    return escalation
