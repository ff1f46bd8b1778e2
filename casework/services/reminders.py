# SPDX-License-Identifier: EUPL-1.2
"""The reminder engine: plan, scan, dispatch, deliver.

Exactly once per recipient: the scan creates one ReminderDelivery per (reminder, recipient)
(unique constraint) and enqueues one task per delivery after commit. The task locks its
delivery row, creates the in-app Notification (unique per recipient and event) and sends
the e-mail only when `emailed_at` is still empty, then records it, so a duplicate or
retried task (acks_late) finds the work done. A reminder missed while beat or the
workers were down is still pending and is dispatched by the next scan, marked late.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import OrganisationKind, Role, User
from casework.models import (
    Case,
    Deadline,
    Escalation,
    Huisverbod,
    Notification,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderStatus,
)
from casework.models.huisverbod import local_days_after
from config.formats import local_date, local_datetime

logger = logging.getLogger(__name__)

INITIAL_KINDS = [
    ReminderKind.HUISVERBOD_DAY7,
    ReminderKind.HUISVERBOD_DAY8,
    ReminderKind.HUISVERBOD_END_24H,
    ReminderKind.HUISVERBOD_END,
]
EXTENDED_KINDS = [ReminderKind.HUISVERBOD_FINAL_7D, ReminderKind.HUISVERBOD_FINAL_24H]


def _local(moment: datetime) -> str:
    return local_datetime(moment)


# --- planning -------------------------------------------------------------------------


def _planned_at(huisverbod: Huisverbod, kind: str) -> datetime | None:
    spec = settings.CASUSREGIE_HUISVERBOD_REMINDERS.get(str(kind))
    if spec is None:
        return None
    anchor, days, hours = spec
    base = huisverbod.imposed_at if anchor == "imposed" else huisverbod.ends_at
    return local_days_after(base, days) + timedelta(hours=hours)


def huisverbod_plan_reminders(*, huisverbod: Huisverbod, extended: bool, now: datetime) -> int:
    """Plan the reminders of the current schedule. Called inside the huisverbod services'
    transactions. After an extension the pending reminders of the first ten days are
    cancelled; an extension reminder whose instant had already passed when the extension
    was recorded never applied and is not planned."""
    about = huisverbod.ends_at.isoformat()
    if extended:
        huisverbod_cancel_reminders(huisverbod=huisverbod)
    planned = []
    for kind in EXTENDED_KINDS if extended else INITIAL_KINDS:
        due_at = _planned_at(huisverbod, kind)
        if due_at is None or (extended and due_at <= now):
            continue
        planned.append(
            Reminder(
                case_id=huisverbod.case_id,
                huisverbod=huisverbod,
                kind=kind,
                about=about,
                due_at=due_at,
            )
        )
    return len(Reminder.objects.bulk_create(planned, ignore_conflicts=True))


def huisverbod_cancel_reminders(*, huisverbod: Huisverbod) -> int:
    return Reminder.objects.filter(huisverbod=huisverbod, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED
    )


# --- recipients -----------------------------------------------------------------------


def _active(qs):
    return set(qs.filter(is_active=True).values_list("pk", flat=True))


def _case_people(case: Case) -> set[int]:
    """The coordinator and the professionals named on the case."""
    ids = set(
        case.memberships.filter(
            removed_at__isnull=True, user__isnull=False, user__is_active=True
        ).values_list("user_id", flat=True)
    )
    if case.coordinator_id:
        ids.add(case.coordinator_id)
    return ids


def _huisverbod_recipients(case: Case) -> set[int]:
    """Coordinator, named professionals, and the municipality officials of the
    municipalities taking part (they record the extension decision)."""
    municipalities = case.memberships.filter(
        removed_at__isnull=True,
        user__isnull=True,
        organisation__kind=OrganisationKind.MUNICIPALITY,
    ).values_list("organisation_id", flat=True)
    officials = User.objects.filter(
        organisation_id__in=municipalities, role=Role.MUNICIPALITY_OFFICIAL
    )
    return _case_people(case) | _active(officials)


def deadline_owner_ids(deadline: Deadline) -> set[int]:
    """The owner: the named person, else the owning organisation's professionals named on
    the case, else everyone of the owning organisation who works on cases."""
    if deadline.owner_user_id and deadline.owner_user.is_active:
        return {deadline.owner_user_id}
    named = set(
        deadline.case.memberships.filter(
            removed_at__isnull=True,
            organisation_id=deadline.owner_organisation_id,
            user__isnull=False,
            user__is_active=True,
        ).values_list("user_id", flat=True)
    )
    if named:
        return named
    return _active(
        User.objects.filter(
            organisation_id=deadline.owner_organisation_id,
            role__in=[Role.COORDINATOR, Role.PARTNER, Role.MUNICIPALITY_OFFICIAL],
        )
    )


def escalation_manager_ids(escalation: Escalation) -> set[int]:
    """Managers of the owning organisation and of the coordinating ZVH; from level 2 on
    the coordinator is told as well."""
    case = escalation.case
    organisations = {escalation.owner_organisation_id}
    if case.coordinator_id:
        organisations.add(case.coordinator.organisation_id)
    ids = _active(User.objects.filter(organisation_id__in=organisations, role=Role.MANAGER))
    if escalation.level > 1 and case.coordinator_id:
        ids.add(case.coordinator_id)
    return ids


def _recipients(reminder: Reminder) -> set[int]:
    kind = reminder.kind
    if reminder.huisverbod_id:
        return _huisverbod_recipients(reminder.case)
    if reminder.deadline_id:
        return deadline_owner_ids(reminder.deadline)
    escalation = reminder.escalation
    if kind == ReminderKind.ESCALATION_DECIDED:
        ids = deadline_owner_ids(escalation.deadline)
        if escalation.case.coordinator_id:
            ids.add(escalation.case.coordinator_id)
        return ids
    return escalation_manager_ids(escalation)


# --- messages (the case reference and dates only: never names or addresses) -----------


def reminder_message(reminder: Reminder, *, late: bool = False) -> str:
    case = reminder.case
    values = {"ref": case.reference}
    kind = reminder.kind
    if reminder.huisverbod_id:
        values["end"] = _local(reminder.huisverbod.ends_at)
        texts = {
            ReminderKind.HUISVERBOD_DAY7: _(
                "Huisverbod in casus %(ref)s, dag 7: bereid het advies over verlenging voor. "
                "Het huisverbod eindigt op %(end)s."
            ),
            ReminderKind.HUISVERBOD_DAY8: _(
                "Huisverbod in casus %(ref)s, dag 8: het advies over verlenging is nu nodig. "
                "Het huisverbod eindigt op %(end)s."
            ),
            ReminderKind.HUISVERBOD_END_24H: _(
                "Huisverbod in casus %(ref)s eindigt binnen 24 uur, op %(end)s. "
                "Leg het besluit over verlenging vóór dat moment vast."
            ),
            ReminderKind.HUISVERBOD_END: _(
                "Huisverbod in casus %(ref)s is op %(end)s geëindigd zonder vastgelegd "
                "besluit over verlenging."
            ),
            ReminderKind.HUISVERBOD_FINAL_7D: _(
                "Verlengd huisverbod in casus %(ref)s eindigt over 7 dagen, op %(end)s."
            ),
            ReminderKind.HUISVERBOD_FINAL_24H: _(
                "Verlengd huisverbod in casus %(ref)s eindigt binnen 24 uur, op %(end)s."
            ),
        }
        text = texts[kind] % values
    elif reminder.deadline_id:
        deadline = reminder.deadline
        values.update(kind=deadline.get_kind_display(), date=local_date(deadline.due_date))
        if kind == ReminderKind.DEADLINE_BEFORE:
            text = _("%(kind)s in casus %(ref)s moet uiterlijk %(date)s zijn afgerond.") % values
        else:
            text = _("%(kind)s in casus %(ref)s moest %(date)s zijn afgerond.") % values
    else:
        escalation = reminder.escalation
        values.update(
            kind=escalation.deadline.get_kind_display(),
            level=escalation.level,
            respond=_local(escalation.response_due_at),
        )
        if kind == ReminderKind.ESCALATION_RAISED:
            text = (
                _(
                    "Escalatie in casus %(ref)s (niveau %(level)s): een %(kind)s is over de "
                    "termijn. Besluit uiterlijk %(respond)s."
                )
                % values
            )
        elif kind == ReminderKind.ESCALATION_IGNORED:
            text = (
                _("Escalatie in casus %(ref)s is niet op tijd beantwoord (niveau %(level)s).")
                % values
            )
        else:
            values["decision"] = escalation.get_decision_display()
            text = _("Besluit over de escalatie in casus %(ref)s: %(decision)s.") % values
    if late:
        text = (
            _("Te laat verzonden (gepland %(when)s): ") % {"when": _local(reminder.due_at)} + text
        )
    return text[:300]


def reminder_link(reminder: Reminder) -> str:
    if reminder.escalation_id and reminder.kind != ReminderKind.ESCALATION_DECIDED:
        return reverse("deadlines:escalation_decide", args=[reminder.escalation_id])
    return reverse("casework:case_detail", args=[reminder.case_id])


# --- dispatch and delivery ------------------------------------------------------------


def _enqueue(delivery_ids: list[int]) -> None:
    from casework.tasks import reminder_deliver

    for delivery_id in delivery_ids:
        reminder_deliver.delay(delivery_id=delivery_id)


def reminders_dispatch(*, reminders, now: datetime) -> int:
    """Turn due reminders into one delivery per recipient and enqueue them after commit.
    Must run inside a transaction that holds the reminders' row locks."""
    late_after = settings.CASUSREGIE_REMINDER_LATE_AFTER
    created = []
    for reminder in reminders:
        late = now - reminder.due_at > late_after
        rows = [
            ReminderDelivery(reminder=reminder, recipient_id=uid, late=late, enqueued_at=now)
            for uid in sorted(_recipients(reminder))
        ]
        ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True)
        Reminder.objects.filter(pk=reminder.pk).update(
            status=ReminderStatus.DISPATCHED, dispatched_at=now, late=late
        )
        created.extend(
            ReminderDelivery.objects.filter(
                reminder=reminder, notified_at__isnull=True, enqueued_at=now
            ).values_list("pk", flat=True)
        )
    ids = list(created)
    if ids:
        transaction.on_commit(lambda: _enqueue(ids))
    return len(ids)


@transaction.atomic
def reminders_dispatch_due(*, now: datetime, limit: int = 500) -> int:
    from casework.selectors_deadlines import reminders_due

    reminders = list(
        reminders_due(now=now)
        .select_related(
            "case__coordinator",
            "huisverbod",
            "deadline__owner_user",
            "deadline__case",
            "escalation__case__coordinator",
            "escalation__deadline",
        )
        .select_for_update(skip_locked=True, of=("self",))[:limit]
    )
    return reminders_dispatch(reminders=reminders, now=now)


@transaction.atomic
def deliveries_requeue(*, now: datetime) -> int:
    """Deliveries enqueued long ago but never done (the broker lost them, or enqueueing
    failed after commit): enqueue again. A duplicate is harmless."""
    stale = list(
        ReminderDelivery.objects.filter(
            notified_at__isnull=True,
            enqueued_at__lt=now - settings.CASUSREGIE_REMINDER_REQUEUE_AFTER,
        ).values_list("pk", flat=True)[:1000]
    )
    if stale:
        ReminderDelivery.objects.filter(pk__in=stale).update(enqueued_at=now)
        transaction.on_commit(lambda: _enqueue(stale))
    return len(stale)


@transaction.atomic
def reminder_deliver(*, delivery_id: int, now: datetime | None = None) -> bool:
    """Deliver one reminder to one recipient: in-app notification and e-mail, once.
    Returns False when there was nothing left to do (a duplicate attempt)."""
    now = now or timezone.now()
    delivery = (
        ReminderDelivery.objects.select_for_update(of=("self",))
        .select_related(
            "recipient",
            "reminder__case",
            "reminder__huisverbod",
            "reminder__deadline",
            "reminder__escalation__deadline",
        )
        .get(pk=delivery_id)
    )
    recipient = delivery.recipient
    wants_mail = bool(recipient.email) and recipient.is_active
    if delivery.notified_at and (delivery.emailed_at or not wants_mail):
        return False
    reminder = delivery.reminder
    with translation.override(settings.LANGUAGE_CODE):
        message = reminder_message(reminder, late=delivery.late)
        kind = "escalation" if reminder.escalation_id else "reminder"
        event_key = f"reminder:{reminder.pk}"
        Notification.objects.bulk_create(
            [
                Notification(
                    recipient=recipient,
                    case=reminder.case,
                    kind=kind,
                    message=message,
                    event_key=event_key,
                )
            ],
            ignore_conflicts=True,
        )
        delivery.attempts += 1
        delivery.notified_at = delivery.notified_at or now
        if wants_mail and delivery.emailed_at is None:
            link = settings.SITE_URL.rstrip("/") + reminder_link(reminder)
            send_mail(
                subject=_("Casusregie: bericht over casus %(ref)s")
                % {"ref": reminder.case.reference},
                message=_("%(message)s\n\nBekijk het in Casusregie: %(link)s")
                % {"message": message, "link": link},
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[recipient.email],
            )
            delivery.emailed_at = now
    delivery.save(update_fields=["attempts", "notified_at", "emailed_at"])
    logger.info("reminder delivery %s done", delivery.pk)
    return True


# --- the scan -------------------------------------------------------------------------


@transaction.atomic
def deadline_reminders_plan(*, now: datetime) -> int:
    """Plan the owner reminders of deadlines whose moment has come (planned and
    dispatched in the same scan)."""
    from casework.selectors_deadlines import deadlines_due

    hour = settings.CASUSREGIE_DEADLINE_REMINDER_HOUR
    planned = []
    for kind, days_before in (
        (ReminderKind.DEADLINE_BEFORE, settings.CASUSREGIE_DEADLINE_REMINDER_DAYS_BEFORE),
        (ReminderKind.DEADLINE_DUE, 0),
    ):
        for deadline in deadlines_due(now=now, kind=kind).only("pk", "case_id", "due_date"):
            day = deadline.due_date - timedelta(days=days_before)
            due_at = timezone.make_aware(datetime(day.year, day.month, day.day, hour))
            planned.append(
                Reminder(
                    case_id=deadline.case_id,
                    deadline_id=deadline.pk,
                    kind=kind,
                    about=deadline.due_date.isoformat(),
                    due_at=due_at,
                )
            )
    return len(Reminder.objects.bulk_create(planned, ignore_conflicts=True))


def deadline_scan(*, now: datetime) -> dict[str, int]:
    """Everything the every-minute beat does, in order; each step its own transaction, so
    one failing step does not hold back the others on the next run."""
    from casework.services.escalations import escalations_escalate_ignored, escalations_raise
    from casework.services.huisverbod import huisverboden_expire

    counts = {
        "deadline_reminders": deadline_reminders_plan(now=now),
        "escalations": escalations_raise(now=now),
        "ignored": escalations_escalate_ignored(now=now),
    }
    counts["deliveries"] = reminders_dispatch_due(now=now)
    counts["ended"] = huisverboden_expire(now=now)
    counts["requeued"] = deliveries_requeue(now=now)
    return counts
