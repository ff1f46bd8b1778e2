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
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from casework.models import Case, CaseMembership
from config.formats import local_date, local_datetime
from deadlines.clock import AMSTERDAM
from deadlines.models import (
    Deadline,
    Escalation,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderStatus,
)
from deadlines.registry import REMINDER_TOPICS
from deadlines.selectors import deadlines_due, reminders_due
from notifications.services import notifications_create

logger = logging.getLogger(__name__)


def _local(moment: datetime) -> str:
    return local_datetime(moment)


# --- planning -------------------------------------------------------------------------


# --- recipients -----------------------------------------------------------------------


def _active(qs):
    return set(qs.filter(is_active=True).values_list("pk", flat=True))


def case_people_ids(case: Case) -> set[int]:
    """The coordinator and the active professionals named on the case."""
    return CaseMembership.objects.case_team_ids(case, active_users_only=True)


def deadline_owner_ids(deadline: Deadline) -> set[int]:
    """The owner: the named person, else the owning organisation's professionals named on
    the case, else everyone of the owning organisation who works on cases."""
    if deadline.owner_user_id and deadline.owner_user.is_active:
        return {deadline.owner_user_id}
    named = set(
        CaseMembership.objects.filter(case_id=deadline.case_id)
        .active()
        .professionals()
        .filter(organisation_id=deadline.owner_organisation_id, user__is_active=True)
        .values_list("user_id", flat=True)
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
    topic = REMINDER_TOPICS.get(kind)
    if topic is not None:
        return topic.recipients(reminder)
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
    topic = REMINDER_TOPICS.get(kind)
    if topic is not None:
        text = topic.message(reminder)
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
    topic = REMINDER_TOPICS.get(reminder.kind)
    if topic is not None and topic.link is not None:
        return topic.link(reminder)
    if reminder.escalation_id and reminder.kind != ReminderKind.ESCALATION_DECIDED:
        return reverse("deadlines:escalation_decide", args=[reminder.escalation_id])
    return reverse("casework:case_detail", args=[reminder.case_id])


# --- dispatch and delivery ------------------------------------------------------------


def _enqueue(delivery_ids: list[int], deliver_at: datetime | None = None) -> None:
    """One task per delivery. `deliver_at` only when the scan runs on a fixed clock (tests,
    a catch-up run): the deliveries then judge lateness on that clock too."""
    # The task module imports this one (its task calls reminder_deliver below).
    from deadlines.tasks import reminder_deliver  # noqa: PLC0415

    when = deliver_at.isoformat() if deliver_at else None
    for delivery_id in delivery_ids:
        if when:
            reminder_deliver.delay(delivery_id=delivery_id, now=when)
        else:
            reminder_deliver.delay(delivery_id=delivery_id)


def _is_late(reminder: Reminder, moment: datetime) -> bool:
    return moment - reminder.due_at > settings.CASUSREGIE_REMINDER_LATE_AFTER


def reminders_dispatch(*, reminders, now: datetime, deliver_at: datetime | None = None) -> int:
    """Turn due reminders into one delivery per recipient and enqueue them after commit.
    Must run inside a transaction that holds the reminders' row locks. A handful of
    queries per batch (recipients once per case where the topic allows it), not per
    reminder. Lateness is judged again at delivery (reminder_deliver)."""
    reminders = list(reminders)
    if not reminders:
        return 0
    per_case: dict[tuple[str, int], set[int]] = {}
    rows, late_ids, on_time_ids = [], [], []
    for reminder in reminders:
        late = _is_late(reminder, now)
        (late_ids if late else on_time_ids).append(reminder.pk)
        topic = REMINDER_TOPICS.get(reminder.kind)
        if topic is not None and topic.per_case:
            key = (reminder.kind, reminder.case_id)
            if key not in per_case:
                per_case[key] = _recipients(reminder)
            recipients = per_case[key]
        else:
            recipients = _recipients(reminder)
        rows.extend(
            ReminderDelivery(reminder=reminder, recipient_id=uid, late=late, enqueued_at=now)
            for uid in sorted(recipients)
        )
    ReminderDelivery.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    for ids, late in ((late_ids, True), (on_time_ids, False)):
        if ids:
            Reminder.objects.filter(pk__in=ids).update(
                status=ReminderStatus.DISPATCHED, dispatched_at=now, late=late
            )
    ids = list(
        ReminderDelivery.objects.filter(
            reminder_id__in=[r.pk for r in reminders], notified_at__isnull=True, enqueued_at=now
        ).values_list("pk", flat=True)
    )
    if ids:
        transaction.on_commit(lambda: _enqueue(ids, deliver_at))
    return len(ids)


@transaction.atomic
def _reminders_dispatch_batch(
    *, now: datetime, limit: int, deliver_at: datetime | None
) -> tuple[int, int]:
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
    return len(reminders), reminders_dispatch(reminders=reminders, now=now, deliver_at=deliver_at)


def reminders_dispatch_due(
    *, now: datetime, batch_size: int | None = None, deliver_at: datetime | None = None
) -> int:
    """Dispatch EVERY due reminder, in batches; each batch its own transaction (its
    deliveries are enqueued as soon as it commits) and `SKIP LOCKED`, so a second scan
    running at the same time takes the next batch instead of waiting. Never stops at a
    limit: what is due before the steps after it (expiry) run is dispatched first."""
    batch_size = batch_size or settings.CASUSREGIE_REMINDER_BATCH_SIZE
    deliveries = 0
    while True:
        taken, enqueued = _reminders_dispatch_batch(
            now=now, limit=batch_size, deliver_at=deliver_at
        )
        deliveries += enqueued
        if taken < batch_size:
            return deliveries


def _undone_deliveries():
    """Deliveries with work left: no notification yet, or a mail being sent whose
    sending was never confirmed."""
    return ReminderDelivery.objects.filter(
        Q(notified_at__isnull=True) | Q(email_sending_at__isnull=False, emailed_at__isnull=True)
    )


def deliveries_requeue(
    *, now: datetime, batch_size: int = 1000, deliver_at: datetime | None = None
) -> int:
    """Deliveries enqueued a while ago but never done (a worker died, the broker lost
    them, or enqueueing failed after commit): enqueue again, all of them, in batches. A
    duplicate is harmless (reminder_deliver locks the row and checks its markers)."""
    requeued = 0
    while True:
        with transaction.atomic():
            stale = list(
                _undone_deliveries()
                .filter(enqueued_at__lt=now - settings.CASUSREGIE_REMINDER_REQUEUE_AFTER)
                .select_for_update(skip_locked=True)
                .values_list("pk", flat=True)[:batch_size]
            )
            if stale:
                ReminderDelivery.objects.filter(pk__in=stale).update(enqueued_at=now)
                transaction.on_commit(lambda ids=stale: _enqueue(ids, deliver_at))
        requeued += len(stale)
        if len(stale) < batch_size:
            return requeued


def delivery_message_id(delivery: ReminderDelivery) -> str:
    """The mail's Message-ID, derived from the delivery alone: a second attempt sends the
    very same message, which the receiving side can recognise as a duplicate."""
    domain = urlsplit(settings.SITE_URL).hostname or "casusregie.invalid"
    return f"<reminder-delivery-{delivery.pk}@{domain}>"


def _delivery_mail(delivery: ReminderDelivery, message: str) -> EmailMessage:
    reminder = delivery.reminder
    link = settings.SITE_URL.rstrip("/") + reminder_link(reminder)
    return EmailMessage(
        subject=_("Casusregie: bericht over casus %(ref)s") % {"ref": reminder.case.reference},
        body=_("%(message)s\n\nBekijk het in Casusregie: %(link)s")
        % {"message": message, "link": link},
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[delivery.recipient.email],
        headers={"Message-ID": delivery_message_id(delivery)},
    )


@transaction.atomic
def _delivery_claim(*, delivery_id: int, now: datetime) -> EmailMessage | None | bool:
    """Step 1, one transaction: the in-app notification and, when a mail is due, the
    "sending" marker. Returns the mail to send, None when no mail is due, or False when
    nothing is left to do (a duplicate attempt, or another attempt is sending now)."""
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
    mail_done = delivery.emailed_at is not None or not wants_mail
    if delivery.notified_at and mail_done:
        return False
    if (
        delivery.email_sending_at is not None
        and delivery.emailed_at is None
        and now - delivery.email_sending_at < settings.CASUSREGIE_REMINDER_SENDING_STALE_AFTER
    ):
        return False  # another attempt is sending it right now; requeue retries later
    reminder = delivery.reminder
    fields = ["attempts"]
    if delivery.notified_at is None:
        # Lateness is judged when the reminder reaches its recipient.
        if not delivery.late and _is_late(reminder, now):
            delivery.late = True
            fields.append("late")
            Reminder.objects.filter(pk=reminder.pk, late=False).update(late=True)
        delivery.notified_at = now
        fields.append("notified_at")
    with translation.override(settings.LANGUAGE_CODE):
        message = reminder_message(reminder, late=delivery.late)
        notifications_create(
            recipient_ids=[recipient.pk],
            case_id=reminder.case_id,
            kind="escalation" if reminder.escalation_id else "reminder",
            message=message,
            event_key=f"reminder:{reminder.pk}",
        )
        mail = None if mail_done else _delivery_mail(delivery, message)
    delivery.attempts += 1
    if mail is not None:
        delivery.email_sending_at = now
        fields.append("email_sending_at")
    delivery.save(update_fields=fields)
    return mail


def reminder_deliver(*, delivery_id: int, now: datetime | None = None) -> bool:
    """Deliver one reminder to one recipient: in-app notification and e-mail, once.
    Returns False when there was nothing left to do (a duplicate attempt).

    Three steps: (1) notification + "sending" marker, committed; (2) SMTP, outside any
    transaction; (3) "sent" marker. A crash between (2) and (3) makes the next attempt
    send the same mail again with the same Message-ID (docs/deadlines.md)."""
    now = now or timezone.now()
    mail = _delivery_claim(delivery_id=delivery_id, now=now)
    if mail is False:
        return False
    if mail is not None:
        try:
            mail.send()
        except Exception:
            # The SMTP server refused or could not be reached: nothing was sent, so the
            # retry may send at once.
            ReminderDelivery.objects.filter(pk=delivery_id, emailed_at__isnull=True).update(
                email_sending_at=None
            )
            raise
        ReminderDelivery.objects.filter(pk=delivery_id, emailed_at__isnull=True).update(
            emailed_at=now
        )
    logger.info("reminder delivery %s done", delivery_id)
    return True


# --- the scan -------------------------------------------------------------------------


@transaction.atomic
def deadline_reminders_plan(*, now: datetime) -> int:
    """Plan the owner reminders of deadlines whose moment has come (planned and
    dispatched in the same scan)."""
    hour = settings.CASUSREGIE_DEADLINE_REMINDER_HOUR
    planned = []
    for kind, days_before in (
        (ReminderKind.DEADLINE_BEFORE, settings.CASUSREGIE_DEADLINE_REMINDER_DAYS_BEFORE),
        (ReminderKind.DEADLINE_DUE, 0),
    ):
        for deadline in deadlines_due(now=now, kind=kind).only("pk", "case_id", "due_date"):
            day = deadline.due_date - timedelta(days=days_before)
            due_at = datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)
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
