# SPDX-License-Identifier: EUPL-1.2
"""Deadlines remind their owner, escalate to managers after the grace period, and managers
decide; ignored escalations go one level up."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from casework.selectors import case_timeline
from deadlines.models import Deadline, Escalation, EscalationStatus, Reminder
from deadlines.selectors import deadlines_due, escalation_queue_for
from deadlines.services.escalations import escalation_decide
from deadlines.services.sync import deadline_sync
from deadlines.tasks import deadline_scan
from notifications.models import Notification
from tests.deadlines.conftest import local
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(world):
    """An agreement-like deadline of Veilig Thuis, due 10 March 2026, and the managers."""
    source = world.victim  # any model instance serves as a source
    deadline = deadline_sync(
        case=world.case,
        kind="agreement",
        source=source,
        title="Veiligheidsgesprek met het gezin",
        owner_organisation=world.veilig_thuis,
        due_date=datetime.date(2026, 3, 10),
    )
    vt_manager = UserFactory(organisation=world.veilig_thuis, manager=True, username="vtman")
    zvh_manager = UserFactory(
        organisation=world.coordinator.organisation, manager=True, username="zvhman"
    )
    return deadline, vt_manager, zvh_manager


def scan(now, capture):
    with capture(execute=True):
        return deadline_scan(now=now.isoformat())


def test_owner_is_reminded_before_and_on_the_due_date(
    world, overdue, django_capture_on_commit_callbacks
):
    deadline, *_ = overdue
    assert not deadlines_due(now=local(2026, 3, 8, 8, 59), kind="dl_before").exists()
    assert list(deadlines_due(now=local(2026, 3, 8, 9, 0), kind="dl_before")) == [deadline]
    scan(local(2026, 3, 8, 9, 0), django_capture_on_commit_callbacks)
    scan(local(2026, 3, 10, 9, 0), django_capture_on_commit_callbacks)
    scan(local(2026, 3, 10, 9, 1), django_capture_on_commit_callbacks)
    messages = list(
        Notification.objects.filter(recipient=world.vt_user).values_list("message", flat=True)
    )
    assert len(messages) == 2
    assert any("uiterlijk 10 maart 2026" in m for m in messages)
    assert not Notification.objects.filter(recipient=world.police).exists()
    assert not Escalation.objects.exists()


def test_past_the_grace_period_managers_get_an_escalation(
    world, overdue, django_capture_on_commit_callbacks
):
    deadline, vt_manager, zvh_manager = overdue
    scan(local(2026, 3, 13, 9, 0), django_capture_on_commit_callbacks)  # 3 days grace
    assert not Escalation.objects.exists()
    scan(local(2026, 3, 14, 9, 0), django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    assert (escalation.level, escalation.status) == (1, EscalationStatus.OPEN)
    told = set(
        Notification.objects.filter(kind="escalation").values_list("recipient__username", flat=True)
    )
    assert told == {"vtman", "zvhman"}
    assert list(escalation_queue_for(vt_manager)) == [escalation]
    assert list(escalation_queue_for(zvh_manager)) == [escalation]
    other_manager = UserFactory(manager=True)
    assert list(escalation_queue_for(other_manager)) == []
    scan(local(2026, 3, 14, 9, 5), django_capture_on_commit_callbacks)
    assert Escalation.objects.count() == 1


def test_an_ignored_escalation_goes_one_level_up(
    world, overdue, django_capture_on_commit_callbacks
):
    scan(local(2026, 3, 14, 9, 0), django_capture_on_commit_callbacks)
    first = Escalation.objects.get()
    scan(local(2026, 3, 16, 9, 1), django_capture_on_commit_callbacks)  # 2 days to respond
    first.refresh_from_db()
    assert first.status == EscalationStatus.ESCALATED
    second = Escalation.objects.get(status=EscalationStatus.OPEN)
    assert (second.level, second.previous) == (2, first)
    assert Notification.objects.filter(
        recipient=world.coordinator, kind="escalation"
    ).exists()  # from level 2 the coordinator is told too
    # At the top level: told once that the response is overdue, no level 3.
    scan(local(2026, 3, 18, 9, 2), django_capture_on_commit_callbacks)
    scan(local(2026, 3, 18, 9, 3), django_capture_on_commit_callbacks)
    assert Escalation.objects.count() == 2
    assert Reminder.objects.filter(escalation=second, kind="esc_ignored").count() == 1


def test_manager_accepts_a_new_date(world, overdue, django_capture_on_commit_callbacks):
    deadline, vt_manager, _ = overdue
    scan(local(2026, 3, 14, 9, 0), django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        escalation_decide(
            actor=vt_manager,
            escalation=escalation,
            decision="new_date",
            reason="Gesprek is ingepland, gezin was op vakantie.",
            new_due_date=datetime.date(2026, 3, 20),
            now=local(2026, 3, 14, 10, 0),
        )
    deadline.refresh_from_db()
    assert deadline.due_date == datetime.date(2026, 3, 20)
    escalation.refresh_from_db()
    assert (escalation.status, escalation.decided_by) == (EscalationStatus.DECIDED, vt_manager)
    # The owner hears of it at once, and the timeline shows it.
    assert Notification.objects.filter(
        recipient=world.vt_user, message__contains="Nieuwe datum accepteren"
    ).exists()
    assert any(m.to == [world.vt_user.email] for m in mail.outbox)
    entries = [e for e in case_timeline(world.case) if e.kind == "escalation"]
    assert any("Nieuwe datum accepteren" in e.title and "vakantie" in e.detail for e in entries)
    assert list(escalation_queue_for(vt_manager)) == []


def test_reassign_instruct_and_escalate_further(world, overdue, django_capture_on_commit_callbacks):
    deadline, vt_manager, zvh_manager = overdue
    scan(local(2026, 3, 14, 9, 0), django_capture_on_commit_callbacks)
    escalation = Escalation.objects.get()
    with pytest.raises(ValidationError) as error:
        escalation_decide(
            actor=zvh_manager,
            escalation=escalation,
            decision="reassign",
            reason=" ",
            new_owner_organisation=UserFactory().organisation,
        )
    assert set(error.value.message_dict) == {"reason", "new_owner_organisation"}
    with pytest.raises(ValidationError) as error:
        escalation_decide(
            actor=zvh_manager,
            escalation=escalation,
            decision="new_date",
            reason="x",
            new_due_date=datetime.date(2020, 1, 1),
        )
    assert error.value.message_dict["new_due_date"] == ["De nieuwe datum moet na vandaag liggen."]
    with pytest.raises(PermissionDenied):
        escalation_decide(
            actor=UserFactory(manager=True), escalation=escalation, decision="instruct", reason="x"
        )
    with pytest.raises(PermissionDenied):
        escalation_decide(
            actor=world.vt_user, escalation=escalation, decision="instruct", reason="x"
        )

    escalation_decide(
        actor=zvh_manager,
        escalation=escalation,
        decision="escalate",
        reason="Structureel probleem bij de eigenaar.",
        now=local(2026, 3, 14, 10, 0),
    )
    higher = Escalation.objects.get(status=EscalationStatus.OPEN)
    assert higher.level == 2
    with pytest.raises(ValidationError) as error:
        escalation_decide(actor=zvh_manager, escalation=higher, decision="escalate", reason="x")
    assert error.value.message_dict["decision"] == ["Deze escalatie is al op het hoogste niveau."]
    escalation_decide(
        actor=zvh_manager,
        escalation=higher,
        decision="reassign",
        reason="Politie neemt het over.",
        new_owner_organisation=world.police_org,
        new_owner_user=world.police,
        now=local(2026, 3, 14, 11, 0),
    )
    deadline.refresh_from_db()
    assert (deadline.owner_organisation, deadline.owner_user) == (world.police_org, world.police)
    with pytest.raises(ValidationError) as error:
        escalation_decide(actor=zvh_manager, escalation=higher, decision="instruct", reason="x")
    assert error.value.messages == ["Over deze escalatie is al besloten."]
    # A decision buys one fresh grace period; still overdue after it, it escalates again.
    scan(local(2026, 3, 16, 9, 0), django_capture_on_commit_callbacks)
    assert Escalation.objects.filter(status=EscalationStatus.OPEN).count() == 0
    scan(local(2026, 3, 17, 11, 1), django_capture_on_commit_callbacks)
    assert Escalation.objects.filter(status=EscalationStatus.OPEN).count() == 1


def test_completed_deadline_leaves_the_queue(world, overdue, django_capture_on_commit_callbacks):
    deadline, vt_manager, _ = overdue
    scan(local(2026, 3, 14, 9, 0), django_capture_on_commit_callbacks)
    Deadline.objects.filter(pk=deadline.pk).update(status="done")
    scan(local(2026, 3, 14, 9, 1), django_capture_on_commit_callbacks)
    assert Escalation.objects.get().status == EscalationStatus.RESOLVED
    assert list(escalation_queue_for(vt_manager)) == []
