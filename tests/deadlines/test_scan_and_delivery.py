# SPDX-License-Identifier: EUPL-1.2
"""The beat scan and the delivery task, called with a fixed `now`."""

import datetime

import pytest
from django.core import mail

from deadlines.models import Reminder, ReminderDelivery, ReminderStatus
from deadlines.tasks import deadline_scan, reminder_deliver
from huisverbod.models import HuisverbodStatus
from notifications.models import Notification
from tests.deadlines.conftest import impose, local

pytestmark = pytest.mark.django_db


def scan(now, capture):
    with capture(execute=True):
        return deadline_scan(now=now.isoformat())


def test_nothing_is_sent_before_its_time(world, django_capture_on_commit_callbacks):
    impose(world, local(2026, 3, 20, 14, 0))
    counts = scan(local(2026, 3, 27, 13, 59), django_capture_on_commit_callbacks)
    assert counts["deliveries"] == 0
    assert not Notification.objects.exists()
    assert mail.outbox == []


def test_day_7_reminder_reaches_each_recipient_once_by_bell_and_mail(
    world, django_capture_on_commit_callbacks
):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    counts = scan(local(2026, 3, 27, 14, 0), django_capture_on_commit_callbacks)
    recipients = {world.coordinator, world.police, world.vt_user, world.official}
    assert counts["deliveries"] == len(recipients)
    notes = Notification.objects.filter(event_key__startswith="reminder:")
    assert {n.recipient for n in notes} == recipients
    message = notes.first().message
    assert world.case.reference in message and "dag 7" in message
    assert "27" not in message.split("eindigt op")[0]  # no "late" prefix
    # Mail: only the reference and a link, never a name or an address.
    assert len(mail.outbox) == len(recipients)
    body = mail.outbox[0].body
    assert f"/cases/{world.case.pk}/" in body and world.case.reference in body
    for secret in ("Kees", "Pleger", "Sanne", "Straat 1", "Logeeradres"):
        assert secret not in body and secret not in mail.outbox[0].subject
    assert not Reminder.objects.get(huisverbod=hv, kind="hv_day7").late

    # A second scan and a duplicated delivery task change nothing.
    scan(local(2026, 3, 27, 14, 1), django_capture_on_commit_callbacks)
    delivery = ReminderDelivery.objects.first()
    assert reminder_deliver(delivery_id=delivery.pk) is False
    assert Notification.objects.filter(event_key__startswith="reminder:").count() == 4
    assert len(mail.outbox) == 4


def test_catch_up_after_beat_was_down_for_a_day(world, django_capture_on_commit_callbacks):
    """Beat stopped before day 7 and came back after day 8: both reminders are sent once,
    marked late, none skipped."""
    hv = impose(world, local(2026, 3, 20, 14, 0))
    scan(local(2026, 3, 27, 9, 0), django_capture_on_commit_callbacks)  # last run before
    assert not Notification.objects.exists()
    back = local(2026, 3, 28, 16, 0)
    scan(back, django_capture_on_commit_callbacks)
    sent = Reminder.objects.filter(huisverbod=hv, status=ReminderStatus.DISPATCHED)
    assert sorted(sent.values_list("kind", flat=True)) == ["hv_day7", "hv_day8"]
    assert all(r.late for r in sent)
    mine = Notification.objects.filter(recipient=world.official).order_by("pk")
    assert [n.message.startswith("Te laat verzonden (gepland 2") for n in mine] == [True, True]
    assert mine.count() == 2
    assert len(mail.outbox) == 8  # 2 reminders x 4 recipients
    scan(back + datetime.timedelta(minutes=1), django_capture_on_commit_callbacks)
    assert Notification.objects.count() == 8
    assert len(mail.outbox) == 8


def test_end_without_decision_is_reported_and_the_huisverbod_ends(
    world, django_capture_on_commit_callbacks
):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    scan(local(2026, 3, 30, 14, 0), django_capture_on_commit_callbacks)
    hv.refresh_from_db()
    assert hv.status == HuisverbodStatus.ENDED
    kinds = set(
        Reminder.objects.filter(huisverbod=hv, status=ReminderStatus.DISPATCHED).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"hv_day7", "hv_day8", "hv_end_24h", "hv_end"}
    assert Notification.objects.filter(
        recipient=world.coordinator, message__contains="zonder vastgelegd besluit"
    ).exists()


def test_lost_delivery_is_enqueued_again(world, django_capture_on_commit_callbacks):
    impose(world, local(2026, 3, 20, 14, 0))
    now = local(2026, 3, 27, 14, 0)
    # The scan committed, but the broker never got the tasks (execute=False).
    with django_capture_on_commit_callbacks(execute=False):
        deadline_scan(now=now.isoformat())
    assert ReminderDelivery.objects.filter(notified_at__isnull=True).count() == 4
    counts = scan(now + datetime.timedelta(minutes=16), django_capture_on_commit_callbacks)
    assert counts["requeued"] == 4
    assert not ReminderDelivery.objects.filter(notified_at__isnull=True).exists()
    assert len(mail.outbox) == 4


def test_failed_mail_is_retried_without_double_notification(world, monkeypatch):
    from deadlines.services import reminders as reminders

    hv = impose(world, local(2026, 3, 20, 14, 0))
    reminder = Reminder.objects.get(huisverbod=hv, kind="hv_day7")
    delivery = ReminderDelivery.objects.create(reminder=reminder, recipient=world.official)

    def broken(self, *args, **kwargs):
        raise ConnectionError("smtp down")

    monkeypatch.setattr(reminders.EmailMessage, "send", broken)
    with pytest.raises(ConnectionError):
        reminders.reminder_deliver(delivery_id=delivery.pk)
    # The bell rang already; the mail's "sending" marker is cleared: nothing went out.
    assert Notification.objects.filter(recipient=world.official).count() == 1
    delivery.refresh_from_db()
    assert delivery.email_sending_at is None and delivery.emailed_at is None
    monkeypatch.undo()
    assert reminders.reminder_deliver(delivery_id=delivery.pk) is True
    assert reminders.reminder_deliver(delivery_id=delivery.pk) is False
    assert Notification.objects.filter(recipient=world.official).count() == 1
    assert len(mail.outbox) == 1
