# SPDX-License-Identifier: EUPL-1.2
"""A year's factsheet reproduces what the region published, whenever it is read: years are
built through the services on a moving clock, the sheet is read, later changes are made,
and the sheet is read again."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.models import Track
from casework.services.phases import case_transition, closure_decide, closure_request
from conferences import services as conference_services
from conferences.models import Attendance
from overviews.selectors import factsheet
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def clock(monkeypatch):
    """Every service reads timezone.now(); this sets it to a wall-clock moment in Twente."""

    def set_to(*args):
        moment = datetime.datetime(*args, tzinfo=AMSTERDAM)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        return moment

    return set_to


@pytest.fixture
def people():
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    return coordinator, manager


def started_case(coordinator, track=Track.CODE_ROOD):
    case = ready_to_start(CaseFactory(coordinator=coordinator, track=track))
    return case_transition(case=case, name="start", actor=coordinator, reason="Tafel")


def close(case, manager):
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")


def test_a_case_deescalated_the_next_spring_stays_in_last_years_code_rood_figure(clock, people):
    coordinator, manager = people
    clock(2021, 2, 10, 9, 0)
    case = started_case(coordinator)
    clock(2022, 1, 5, 9, 0)
    published = factsheet(manager, year=2021).code_rood_cases
    assert published == 1
    clock(2022, 3, 15, 9, 0)
    case_transition(case=case, name="deescalate", actor=coordinator, reason="Rust")
    assert factsheet(manager, year=2021).code_rood_cases == published
    assert factsheet(manager, year=2022).code_rood_cases == 1  # Code Rood until March


def test_a_case_escalated_during_the_year_counts_and_one_that_never_was_does_not(clock, people):
    coordinator, manager = people
    clock(2021, 2, 10, 9, 0)
    escalated = started_case(coordinator, track=Track.MDA)
    started_case(coordinator, track=Track.MDA)
    clock(2021, 6, 1, 9, 0)
    case_transition(case=escalated, name="escalate", actor=coordinator, reason="Wapen")
    clock(2022, 2, 1, 9, 0)
    assert factsheet(manager, year=2021).code_rood_cases == 1
    assert factsheet(manager, year=2020).code_rood_cases == 0


def test_a_case_closed_earlier_and_reopened_in_the_year_counts_and_keeps_counting(clock, people):
    coordinator, manager = people
    clock(2019, 5, 1, 9, 0)
    reopened = started_case(coordinator)
    stays_closed = started_case(coordinator)
    clock(2020, 3, 1, 9, 0)
    close(reopened, manager)
    close(stays_closed, manager)
    clock(2021, 6, 1, 9, 0)
    case_transition(case=reopened, name="reopen", actor=manager, reason="Nieuw incident")
    clock(2022, 1, 10, 9, 0)
    published = factsheet(manager, year=2021).code_rood_cases
    assert published == 1
    clock(2022, 4, 1, 9, 0)
    reopened.refresh_from_db()
    close(reopened, manager)  # closed again the next year
    assert factsheet(manager, year=2021).code_rood_cases == published
    assert factsheet(manager, year=2020).code_rood_cases == 2  # both were open in 2020


def test_a_conference_counts_in_the_year_it_started_not_when_attendance_was_typed(clock, people):
    coordinator, manager = people
    clock(2021, 12, 1, 9, 0)
    case = started_case(coordinator)
    organisation = (
        case.memberships.filter(user__isnull=True, organisation__kind=OrganisationKind.VEILIG_THUIS)
        .get()
        .organisation
    )
    conference = conference_services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=datetime.datetime(2021, 12, 30, 14, 0, tzinfo=AMSTERDAM),
        location="ZVH, zaal 1",
        cases=[case],
        organisations=[organisation],
    )
    clock(2022, 1, 3, 10, 0)  # attendance typed in after new year
    conference_services.attendance_record(
        actor=coordinator,
        conference=conference,
        organisation=organisation,
        status=Attendance.Status.PRESENT,
    )
    assert factsheet(manager, year=2021).conferences_held == 1
    assert factsheet(manager, year=2022).conferences_held == 0
