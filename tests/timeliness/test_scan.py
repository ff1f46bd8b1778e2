# SPDX-License-Identifier: EUPL-1.2
"""The scan: a missed target is recorded once and becomes a deadline of the coordinator,
with the engine's reminder and, past the grace period, an escalation to the managers."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import Role
from audit.models import AuditEntry
from casework.models import Case, Phase
from deadlines.clock import AMSTERDAM
from deadlines.models import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Escalation,
    Reminder,
    ReminderKind,
)
from deadlines.tasks import deadline_scan
from notifications.models import Notification
from tests.factories import UserFactory
from tests.timeliness.conftest import adopted, discussed, entered_immediate_safety, registered
from timeliness.models import Target, TargetMiss
from timeliness.services import SOURCE_TYPE, target_miss_explain, targets_scan

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


def _late_case(now):
    """Registered 20 days ago, nothing done: three one-off targets missed."""
    return registered(now - 20 * DAY)


def test_a_missed_target_is_recorded_once_with_one_deadline_of_the_coordinator(now):
    case = _late_case(now)
    assert targets_scan(now=now) == 3
    assert targets_scan(now=now) == 0
    assert targets_scan(now=now + timedelta(minutes=1)) == 0
    misses = TargetMiss.objects.filter(case=case)
    assert sorted(misses.values_list("target", flat=True)) == sorted(
        [Target.URGENT_DISCUSSED, Target.IMMEDIATE_SAFETY, Target.PLAN_ADOPTED]
    )
    urgent = misses.get(target=Target.URGENT_DISCUSSED)
    assert urgent.due_at == case.registered_at + timedelta(hours=24)
    deadlines = Deadline.objects.filter(case=case, kind=DeadlineKind.TARGET)
    assert deadlines.count() == 3
    deadline = deadlines.get(source_id=urgent.pk)
    assert deadline.source_type == SOURCE_TYPE
    assert deadline.owner_user == case.coordinator
    assert deadline.owner_organisation_id == case.coordinating_organisation_id
    assert deadline.due_date == now.astimezone(AMSTERDAM).date() + 2 * DAY
    assert "Code Rood besproken in een overleg" in deadline.title


def test_met_targets_and_targets_still_running_are_not_missed(now):
    met = registered(now - 20 * DAY)
    discussed(met, met.registered_at + timedelta(hours=5))
    entered_immediate_safety(met, met.registered_at + 2 * DAY)
    adopted(met, met.registered_at + 3 * DAY)
    discussed(met, now - 2 * DAY)  # reviewed this week
    registered(now - timedelta(hours=2))  # everything still running
    assert targets_scan(now=now) == 0
    assert not TargetMiss.objects.exists()


def test_a_target_met_late_is_a_miss_too(now):
    case = registered(now - 20 * DAY)
    discussed(case, case.registered_at + 3 * DAY)
    targets_scan(now=now)
    assert TargetMiss.objects.filter(case=case, target=Target.URGENT_DISCUSSED).exists()


def test_a_week_without_review_is_one_miss_until_the_next_late_review(now):
    case = registered(now - 40 * DAY)
    entered_immediate_safety(case, now - 10 * DAY)
    adopted(case, now - 9 * DAY)
    TargetMiss.objects.all().delete()
    targets_scan(now=now)
    targets_scan(now=now + 7 * DAY)  # still not discussed: the same miss
    weekly = TargetMiss.objects.filter(case=case, target=Target.WEEKLY_REVIEW)
    assert list(weekly.values_list("due_at", flat=True)) == [now - 3 * DAY]
    discussed(case, now + 8 * DAY)
    targets_scan(now=now + 15 * DAY + timedelta(seconds=1))
    assert weekly.count() == 2


def test_the_scan_looks_back_a_bounded_window_and_skips_closed_cases(now, settings):
    settings.CASUSREGIE_TARGET_SCAN_LOOKBACK_DAYS = 10
    registered(now - 40 * DAY)  # every one-off target fell due more than 10 days ago
    closed = _late_case(now)
    Case.objects.filter(pk=closed.pk).update(phase=Phase.CLOSED)
    assert targets_scan(now=now) == 0
    assert not TargetMiss.objects.exists()


def test_the_scan_costs_the_same_queries_for_one_case_or_many(now, django_assert_num_queries):
    _late_case(now)
    entered_immediate_safety(registered(now - 30 * DAY), now - 9 * DAY)
    with django_assert_num_queries(9) as first:
        targets_scan(now=now)
    for _ in range(6):
        _late_case(now)
        entered_immediate_safety(registered(now - 30 * DAY), now - 9 * DAY)
    with django_assert_num_queries(len(first.captured_queries)):
        targets_scan(now=now)
    assert TargetMiss.objects.filter(target=Target.WEEKLY_REVIEW).count() == 7


def test_the_engine_reminds_the_coordinator_and_escalates_past_the_grace_period(
    now, settings, django_capture_on_commit_callbacks
):
    case = _late_case(now)
    manager = UserFactory(role=Role.MANAGER, organisation=case.coordinator.organisation)
    targets_scan(now=now)
    deadline = Deadline.objects.filter(case=case, kind=DeadlineKind.TARGET).first()
    due = deadline.due_date
    on_due_day = datetime(due.year, due.month, due.day, 10, tzinfo=AMSTERDAM)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan(now=on_due_day.isoformat())
    assert Reminder.objects.filter(deadline=deadline, kind=ReminderKind.DEADLINE_DUE).exists()
    told = Notification.objects.filter(recipient=case.coordinator)
    assert any(case.reference in n.message for n in told)
    assert not Escalation.objects.exists()
    past_grace = on_due_day + (settings.CASUSREGIE_ESCALATION_GRACE_DAYS + 1) * DAY
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan(now=past_grace.isoformat())
    escalation = Escalation.objects.get(deadline=deadline)
    assert escalation.owner_organisation_id == case.coordinating_organisation_id
    assert Notification.objects.filter(recipient=manager).exists()


def test_the_reason_closes_the_deadline_and_is_logged(now):
    case = _late_case(now)
    targets_scan(now=now)
    miss = TargetMiss.objects.get(case=case, target=Target.PLAN_ADOPTED)
    target_miss_explain(actor=case.coordinator, miss=miss, reason="  Wachten op de opvang.  ")
    miss.refresh_from_db()
    assert miss.reason == "Wachten op de opvang."
    assert miss.reason_by == case.coordinator
    deadline = Deadline.objects.get(source_type=SOURCE_TYPE, source_id=miss.pk)
    assert deadline.status == DeadlineStatus.DONE
    assert deadline.completed_at is not None
    assert AuditEntry.objects.filter(object_type="timeliness.TargetMiss").exists()


def test_an_empty_reason_is_refused_in_dutch(now):
    case = _late_case(now)
    targets_scan(now=now)
    miss = TargetMiss.objects.filter(case=case).first()
    with pytest.raises(ValidationError) as refused:
        target_miss_explain(actor=case.coordinator, miss=miss, reason="   ")
    assert refused.value.message_dict["reason"] == [
        "Schrijf op waarom de streeftermijn niet is gehaald."
    ]
    assert TargetMiss.objects.get(pk=miss.pk).reason == ""


def test_only_the_coordinator_of_the_case_records_a_reason(now):
    case = _late_case(now)
    targets_scan(now=now)
    miss = TargetMiss.objects.filter(case=case).first()
    for user in (
        UserFactory(organisation=case.registering_organisation),
        UserFactory(role=Role.MANAGER, organisation=case.coordinator.organisation),
        UserFactory(coordinator=True),  # another ZVH
    ):
        with pytest.raises(PermissionDenied):
            target_miss_explain(actor=user, miss=miss, reason="Geen idee.")
