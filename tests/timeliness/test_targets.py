# SPDX-License-Identifier: EUPL-1.2
"""Where a case stands against each time limit, at the boundaries (a fixed `now`)."""

from datetime import timedelta

import pytest

from casework.models import Track
from tests.timeliness.conftest import (
    adopted,
    discussed,
    entered_immediate_safety,
    registered,
    standings,
)
from timeliness.models import Target
from timeliness.selectors import State

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)
DAY = timedelta(days=1)


def test_an_urgent_case_discussed_within_24_hours_meets_the_target(now):
    case = registered(now - 3 * DAY)
    discussed(case, case.registered_at + timedelta(hours=24))
    standing = standings(case, now)[Target.URGENT_DISCUSSED]
    assert standing.state == State.MET
    assert standing.due_at == case.registered_at + timedelta(hours=24)


def test_an_urgent_case_discussed_a_second_late_is_late(now):
    case = registered(now - 3 * DAY)
    discussed(case, case.registered_at + timedelta(hours=24) + SECOND)
    assert standings(case, now)[Target.URGENT_DISCUSSED].state == State.LATE


def test_an_urgent_case_not_discussed_is_missed_the_second_after_24_hours(now):
    case = registered(now - timedelta(hours=24))
    assert standings(case, now)[Target.URGENT_DISCUSSED].state == State.PENDING
    assert standings(case, now + SECOND)[Target.URGENT_DISCUSSED].state == State.MISSED


def test_a_conference_not_held_or_cancelled_is_no_discussion(now):
    case = registered(now - 3 * DAY)
    discussed(case, case.registered_at + timedelta(hours=2), held=False)
    discussed(case, case.registered_at + timedelta(hours=3), cancelled=True)
    assert standings(case, now)[Target.URGENT_DISCUSSED].state == State.MISSED


def test_an_mda_case_has_no_code_rood_targets(now):
    case = registered(now - 30 * DAY, track=Track.MDA)
    assert set(standings(case, now)) == {Target.PLAN_ADOPTED}


def test_a_code_rood_case_in_immediate_safety_within_7_days(now):
    on_time = registered(now - 10 * DAY)
    entered_immediate_safety(on_time, on_time.registered_at + 7 * DAY)
    late = registered(now - 10 * DAY)
    entered_immediate_safety(late, late.registered_at + 7 * DAY + SECOND)
    waiting = registered(now - 7 * DAY)
    assert standings(on_time, now)[Target.IMMEDIATE_SAFETY].state == State.MET
    assert standings(late, now)[Target.IMMEDIATE_SAFETY].state == State.LATE
    assert standings(waiting, now)[Target.IMMEDIATE_SAFETY].state == State.PENDING
    assert standings(waiting, now + SECOND)[Target.IMMEDIATE_SAFETY].state == State.MISSED


def test_a_first_plan_version_adopted_within_14_days(now):
    on_time = registered(now - 20 * DAY)
    adopted(on_time, on_time.registered_at + 14 * DAY)
    late = registered(now - 20 * DAY)
    adopted(late, late.registered_at + 14 * DAY + SECOND)
    none = registered(now - 14 * DAY)
    assert standings(on_time, now)[Target.PLAN_ADOPTED].state == State.MET
    assert standings(late, now)[Target.PLAN_ADOPTED].state == State.LATE
    assert standings(none, now)[Target.PLAN_ADOPTED].state == State.PENDING
    assert standings(none, now + SECOND)[Target.PLAN_ADOPTED].state == State.MISSED


def test_a_case_in_immediate_safety_is_reviewed_weekly(now):
    case = registered(now - 30 * DAY)
    entered = now - 7 * DAY
    entered_immediate_safety(case, entered)
    assert standings(case, now)[Target.WEEKLY_REVIEW].state == State.PENDING
    assert standings(case, now + SECOND)[Target.WEEKLY_REVIEW].state == State.MISSED
    # A discussion since entering the phase starts a new week.
    discussed(case, entered + 3 * DAY)
    standing = standings(case, now + SECOND)[Target.WEEKLY_REVIEW]
    assert standing.state == State.PENDING
    assert standing.due_at == entered + 10 * DAY


def test_a_discussion_before_the_phase_is_no_review(now):
    case = registered(now - 30 * DAY)
    discussed(case, now - 9 * DAY)
    entered_immediate_safety(case, now - 8 * DAY)
    assert standings(case, now)[Target.WEEKLY_REVIEW].state == State.MISSED


def test_the_weekly_review_applies_in_immediate_safety_only(now):
    case = registered(now - 30 * DAY)
    assert Target.WEEKLY_REVIEW not in standings(case, now)


def test_the_limits_are_configurable_and_a_target_can_be_switched_off(now, settings):
    settings.CASUSREGIE_TARGETS = {
        "urgent_discussed": {"hours": 48},
        "immediate_safety": None,
        "plan_adopted": {"days": 21},
        "weekly_review": {"days": 2},
    }
    case = registered(now - 5 * DAY)
    discussed(case, case.registered_at + timedelta(hours=30))
    found = standings(case, now)
    assert set(found) == {Target.URGENT_DISCUSSED, Target.PLAN_ADOPTED}  # not in the phase
    assert found[Target.URGENT_DISCUSSED].state == State.MET
    assert found[Target.URGENT_DISCUSSED].limit == "binnen 48 uur"
    assert found[Target.PLAN_ADOPTED].due_at == case.registered_at + 21 * DAY
    assert found[Target.PLAN_ADOPTED].limit == "binnen 21 dagen"
    entered_immediate_safety(case, now - 3 * DAY)
    assert standings(case, now)[Target.WEEKLY_REVIEW].limit == "binnen 48 uur"


def test_the_case_page_names_are_the_annotations_it_reads():
    """The section checks the case by these names without building the expressions."""
    from django.utils import timezone

    from timeliness.selectors import _page_names, case_page_annotations

    assert sorted(_page_names()) == sorted(case_page_annotations(timezone.now()))
