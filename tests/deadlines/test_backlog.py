# SPDX-License-Identifier: EUPL-1.2
"""Ten days without beat: one scan afterwards delivers every due reminder exactly once.

Fixtures are bulk-created (400 huisverboden, 200 agreement deadlines, 2,000 reminders) so
the test stays fast; the scan, dispatch and delivery under test run unchanged."""

import datetime

import pytest
from django.core import mail

from casework.models import Person
from deadlines.models import (
    Deadline,
    DeadlineKind,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderStatus,
)
from deadlines.tasks import deadline_scan
from huisverbod.models import Huisverbod, HuisverbodStatus, initial_end
from huisverbod.reminders import huisverbod_plan_reminders
from notifications.models import Notification
from tests.deadlines.conftest import local
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db

HUISVERBODEN = 400
AGREEMENTS = 200


@pytest.fixture
def backlog(db):
    # One recipient per reminder (the coordinator) keeps 2,000 deliveries to 2,000 tasks.
    case = CaseFactory()
    start = local(2026, 3, 1, 8, 0)
    persons = Person.objects.bulk_create(
        Person(
            case=case,
            first_name=f"P{i}",
            last_name="Fictief",
            date_of_birth=datetime.date(1980, 1, 1),
            is_perpetrator=True,
        )
        for i in range(HUISVERBODEN)
    )
    huisverboden = Huisverbod.objects.bulk_create(
        Huisverbod(
            case=case,
            person=person,
            imposed_at=start + datetime.timedelta(minutes=i),
            imposed_by="assistant_prosecutor",
            ends_at=initial_end(start + datetime.timedelta(minutes=i)),
            recorded_by=case.coordinator,
        )
        for i, person in enumerate(persons)
    )
    for hv in huisverboden:
        huisverbod_plan_reminders(huisverbod=hv, extended=False, now=start)
    # Agreements due in the last days of the outage (within the grace period: no
    # escalation yet), each with its "before" and "due" reminder pending.
    deadlines = Deadline.objects.bulk_create(
        Deadline(
            case=case,
            kind=DeadlineKind.AGREEMENT,
            source_type="safetyplan.safetyagreement",
            source_id=100_000 + i,
            title=f"Afspraak {i}",
            owner_organisation=case.coordinator.organisation,
            owner_user=case.coordinator,
            due_date=datetime.date(2026, 3, 11) - datetime.timedelta(days=i % 2),
        )
        for i in range(AGREEMENTS)
    )
    Reminder.objects.bulk_create(
        Reminder(
            case=case,
            deadline=deadline,
            kind=kind,
            about=deadline.due_date.isoformat(),
            due_at=datetime.datetime.combine(
                deadline.due_date - datetime.timedelta(days=days),
                datetime.time(9),
                local(2026, 1, 1).tzinfo,
            ),
        )
        for deadline in deadlines
        for kind, days in ((ReminderKind.DEADLINE_BEFORE, 2), (ReminderKind.DEADLINE_DUE, 0))
    )
    return case


def test_ten_days_without_beat_every_reminder_is_delivered_once_and_late(
    backlog, django_capture_on_commit_callbacks
):
    case = backlog
    assert Reminder.objects.filter(status=ReminderStatus.PENDING).count() >= 2000
    # The last scan ran before the first huisverbod (1 March); beat comes back eleven days
    # later, when every order has ended and every agreement is due.
    back = local(2026, 3, 12, 12, 0)
    with django_capture_on_commit_callbacks(execute=True):
        counts = deadline_scan(now=back.isoformat())

    reminders = Reminder.objects.all()
    assert not reminders.filter(status=ReminderStatus.CANCELLED).exists()
    assert not reminders.exclude(status=ReminderStatus.DISPATCHED).exists()
    assert not reminders.filter(late=False).exists()
    # The "ended without a decision" message of every order is among them.
    assert reminders.filter(kind=ReminderKind.HUISVERBOD_END).count() == HUISVERBODEN
    assert Huisverbod.objects.filter(status=HuisverbodStatus.ENDED).count() == HUISVERBODEN

    expected = 4 * HUISVERBODEN + 2 * AGREEMENTS  # each to the coordinator, once
    assert counts["deliveries"] == expected
    deliveries = ReminderDelivery.objects.all()
    assert deliveries.count() == expected
    assert not deliveries.filter(notified_at__isnull=True).exists()
    assert not deliveries.filter(emailed_at__isnull=True).exists()
    assert not deliveries.filter(late=False).exists()
    assert Notification.objects.filter(event_key__startswith="reminder:").count() == expected
    assert Notification.objects.filter(recipient=case.coordinator).count() == expected
    assert len(mail.outbox) == expected
    assert len({m.extra_headers["Message-ID"] for m in mail.outbox}) == expected
    assert all(m.body.startswith("Te laat verzonden") for m in mail.outbox)

    # The next scan finds nothing left to do.
    with django_capture_on_commit_callbacks(execute=True):
        again = deadline_scan(now=(back + datetime.timedelta(minutes=1)).isoformat())
    assert again["deliveries"] == 0 and again["requeued"] == 0
    assert len(mail.outbox) == expected
