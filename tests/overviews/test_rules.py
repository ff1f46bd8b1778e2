# SPDX-License-Identifier: EUPL-1.2
"""The overviews' rules, each with data that tells a wrong rule apart: a median is not a
mean, a case closed before the year is not a case of that year, a recent incident is
progress."""

import datetime

import pytest
from django.utils import timezone

from casework.models import PhaseChange
from casework.services.phases import case_transition, closure_decide, closure_request
from overviews.selectors import coordinator_overview, factsheet, manager_overview
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_incident, ready_to_start

pytestmark = pytest.mark.django_db


def _started(coordinator, *, days_after_registration: float):
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case = case_transition(case=case, name="start", actor=coordinator, reason="start")
    change = PhaseChange.objects.get(case=case, transition="start")
    PhaseChange.objects.filter(pk=change.pk).update(
        at=case.registered_at + datetime.timedelta(days=days_after_registration)
    )
    return case


def test_the_median_duration_is_a_median_not_a_mean():
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    for days in (1, 2, 10):  # median 2, mean 4.3
        _started(coordinator, days_after_registration=days)
    overview = manager_overview(manager, now=timezone.now() + datetime.timedelta(days=11))
    assert overview.median_days_to_immediate == 2.0


def _closed(coordinator, manager, *, at):
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case = case_transition(case=case, name="start", actor=coordinator, reason="start")
    closure_request(actor=coordinator, case=case, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=case, approve=True, reason="Doelen bereikt")
    registered = at - datetime.timedelta(days=60)
    case.__class__.objects.filter(pk=case.pk).update(registered_at=registered)
    PhaseChange.objects.filter(case=case).update(at=at)
    return case


def test_a_case_closed_before_the_year_is_not_a_case_of_that_year():
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    year = timezone.localdate().year
    _closed(coordinator, manager, at=timezone.now().replace(year=year - 1, month=6, day=15))
    _closed(coordinator, manager, at=timezone.now().replace(year=year, month=1, day=20))
    assert factsheet(manager, year=year).code_rood_cases == 1  # only the one closed this year
    assert factsheet(manager, year=year - 1).code_rood_cases == 2  # both were open then


def test_a_recent_incident_keeps_a_case_off_the_stalled_list():
    coordinator = UserFactory(coordinator=True)
    quiet = ready_to_start(CaseFactory(coordinator=coordinator))
    quiet = case_transition(case=quiet, name="start", actor=coordinator, reason="start")
    busy = ready_to_start(CaseFactory(coordinator=coordinator))
    busy = case_transition(case=busy, name="start", actor=coordinator, reason="start")
    later = timezone.now() + datetime.timedelta(weeks=5)
    incident = add_incident(busy)
    incident.__class__.objects.filter(pk=incident.pk).update(
        recorded_at=later - datetime.timedelta(days=3)
    )
    stalled = [c.pk for c in coordinator_overview(coordinator, now=later).stalled]
    assert stalled == [quiet.pk]
