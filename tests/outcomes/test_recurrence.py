# SPDX-License-Identifier: EUPL-1.2
"""Back within 12 months (issue 20): a case registered within 365 days after the closing
whose victim a coordinator confirmed to be a victim of the closed case ("Already known?",
issue 16), or an incident in that window on the closed case or on a linked case. A victim
with the same name and date of birth who was not linked is not counted."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.models import Case, PhaseChange
from casework.services.cases import person_link_known
from casework.services.phases import case_transition, closure_decide, closure_request
from outcomes.selectors import outcomes_by_year
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_incident, add_partner, add_person

pytestmark = pytest.mark.django_db

EVA = {"first_name": "Eva", "last_name": "Smit", "date_of_birth": datetime.date(1979, 4, 8)}
YEAR = datetime.timedelta(days=365)


def _closed(coordinator=None, *, at=None):
    """A started and closed case with Eva Smit as its victim; closed `at` (default now)."""
    case = CaseFactory(**({"coordinator": coordinator} if coordinator else {}))
    victim = add_person(case, **EVA)
    add_partner(case, OrganisationKind.VEILIG_THUIS)
    case_transition(case=case, name="start", actor=case.coordinator, reason="Start")
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Klaar.")
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    if at is not None:
        PhaseChange.objects.filter(case=case, to_state="closed").update(at=at)
    case.refresh_from_db()
    return case, victim


def _new_case(coordinator, *, registered_at=None, roles=("victim",), person=EVA):
    case = CaseFactory(coordinator=coordinator)
    if registered_at is not None:
        Case.objects.filter(pk=case.pk).update(registered_at=registered_at)
    return case, add_person(case, roles=roles, **person)


def _link(person, known):
    assert person_link_known(actor=person.case.coordinator, person=person, known=[known]) == 1


def _back(user, now=None) -> int:
    return sum(
        row.back_within_12_months for row in outcomes_by_year(user, now=now or timezone.now())
    )


def test_a_linked_case_registered_up_to_365_days_after_closing_counts_and_a_day_later_not():
    closed_at = timezone.now() - datetime.timedelta(days=500)
    closed, victim = _closed(at=closed_at)
    coordinator = closed.coordinator
    on_the_day, again = _new_case(coordinator, registered_at=closed_at + YEAR)
    assert _back(coordinator) == 0  # the same name and date of birth, not linked
    _link(again, victim)
    assert _back(coordinator) == 1
    Case.objects.filter(pk=on_the_day.pk).update(
        registered_at=closed_at + YEAR + datetime.timedelta(seconds=1)
    )
    assert _back(coordinator) == 0
    Case.objects.filter(pk=on_the_day.pk).update(registered_at=closed_at)  # not after it
    assert _back(coordinator) == 0


def test_an_unlinked_victim_with_the_same_name_and_birth_date_is_not_counted():
    closed, _victim = _closed()
    _new_case(closed.coordinator)  # registered today, Eva Smit 1979-04-08, not confirmed
    (row,) = outcomes_by_year(closed.coordinator, now=timezone.now())
    assert (row.closed, row.back_within_12_months) == (1, 0)


def test_a_link_counts_in_either_direction_but_only_between_victims():
    closed, victim = _closed()
    coordinator = closed.coordinator
    _case, child = _new_case(coordinator, roles=("child",))
    _link(child, victim)
    assert _back(coordinator) == 0  # linked, but not as a victim again
    _case, again = _new_case(
        coordinator, person={**EVA, "first_name": "Eva", "last_name": "Smit"}, roles=("victim",)
    )
    # Recorded the other way round (the closed case's person linked to the new one).
    _link_reverse = person_link_known(actor=coordinator, person=victim, known=[again])
    assert _link_reverse == 1
    assert _back(coordinator) == 1


def test_an_incident_on_a_linked_running_case_counts_within_the_window():
    coordinator = CaseFactory().coordinator
    running, running_victim = _new_case(coordinator)
    add_partner(running, OrganisationKind.VEILIG_THUIS)
    add_incident(running, when=timezone.now() - datetime.timedelta(days=10))  # before closing
    closed, victim = _closed(coordinator)
    _link(victim, running_victim)  # added to the later case: linked to the running one
    closed_at = PhaseChange.objects.get(case=closed, to_state="closed").at
    # The running case was registered before the closing: not a new case, and its
    # incident before the closing does not count either.
    assert _back(coordinator) == 0
    add_incident(running, when=timezone.now())
    assert _back(coordinator) == 1
    PhaseChange.objects.filter(case=closed, to_state="closed").update(
        at=closed_at - YEAR - datetime.timedelta(days=40)
    )
    assert _back(coordinator) == 0  # both incidents more than 365 days after that closing


def test_a_linked_case_the_reader_may_not_see_is_not_counted():
    closed, victim = _closed()
    elsewhere, other = _new_case(CaseFactory().coordinator)  # another ZVH's case
    _link(other, victim)
    assert _back(closed.coordinator) == 0
    assert _back(elsewhere.coordinator) == 0  # nor the other way: they cannot see the closing


def test_recurrence_is_read_in_the_same_two_queries_at_two_sizes(django_assert_num_queries):
    closed, victim = _closed()
    coordinator = closed.coordinator
    _case, again = _new_case(coordinator)
    _link(again, victim)
    with django_assert_num_queries(2):  # the closings with their recurrence, the ratings
        assert _back(coordinator) == 1
    for n in range(3):
        other_closed, other_victim = _closed(coordinator)
        _case, linked = _new_case(coordinator)
        _link(linked, other_victim)
        add_incident(_case)
    with django_assert_num_queries(2):
        assert _back(coordinator) == 4
