# SPDX-License-Identifier: EUPL-1.2
"""No count or derived figure reveals what the viewer may not read (issue 13): a user who
may not read a confidential incident or perpetrator item sees the same overview, My work
and outcome figures as if it did not exist."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import Confidentiality, Incident
from casework.services.cases import incident_record, membership_add_professional
from casework.services.phases import case_transition, closure_decide, closure_request
from conferences.agenda import propose
from deadlines.models import Deadline
from outcomes.selectors import outcomes_by_year
from overviews.selectors import coordinator_overview, manager_overview, my_work
from perpetrator.services import custody_record
from privacy.copy import data_subject_copy
from privacy.services import request_register
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start

pytestmark = pytest.mark.django_db


def _started_case_with_agent():
    """A started case of a coordinator; a police officer (the registering organisation,
    justice sector) is named on it."""
    case = ready_to_start(CaseFactory())
    case = case_transition(case=case, name="start", actor=case.coordinator, reason="Start")
    agent = UserFactory(organisation=case.registering_organisation, partner=True)
    membership_add_professional(actor=case.coordinator, case=case, user=agent)
    return case, agent


def _incident(case, actor, level, *, recorded_at):
    incident = incident_record(
        actor=actor,
        case=case,
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        description="Alleen voor de politie (fictief)",
        confidentiality=level,
    )
    Incident.objects.filter(pk=incident.pk).update(
        recorded_at=recorded_at, occurred_at=recorded_at - datetime.timedelta(hours=1)
    )
    return incident


def _stalled(user, now):
    return (
        [c.pk for c in coordinator_overview(user, now=now).stalled],
        [c.pk for c in my_work(user, now=now).stalled],
    )


def test_an_incident_the_coordinator_may_not_read_does_not_unstall_the_case():
    case, agent = _started_case_with_agent()
    later = timezone.now() + datetime.timedelta(weeks=5)
    without = _stalled(case.coordinator, later)
    assert without == ([case.pk], [case.pk])
    _incident(
        case, agent, Confidentiality.ORGANISATION, recorded_at=later - datetime.timedelta(days=3)
    )
    assert _stalled(case.coordinator, later) == without


def test_an_incident_the_coordinator_may_read_still_counts_as_progress():
    case, agent = _started_case_with_agent()
    later = timezone.now() + datetime.timedelta(weeks=5)
    _incident(case, agent, Confidentiality.TEAM, recorded_at=later - datetime.timedelta(days=3))
    assert _stalled(case.coordinator, later) == ([], [])


def _custody(case, agent, level):
    perpetrator = add_person(case, roles=["perpetrator"], first_name="Kees", last_name="Pleger")
    today = timezone.localdate()
    return custody_record(
        actor=agent,
        case=case,
        person=perpetrator,
        custody_on=today - datetime.timedelta(days=10),
        release_on=today + datetime.timedelta(days=3),
        details="Alleen voor de politie (fictief)",
        confidentiality=level,
    )


def test_a_release_date_at_police_level_is_not_in_the_coordinators_week(client):
    case, agent = _started_case_with_agent()
    coordinator = case.coordinator
    client.force_login(coordinator)
    before = coordinator_overview(coordinator, now=timezone.now())
    _custody(case, agent, Confidentiality.ORGANISATION)
    after = coordinator_overview(coordinator, now=timezone.now())
    assert after.upcoming_deadlines == before.upcoming_deadlines == []
    assert after.overdue == before.overdue
    html = client.get(reverse("overviews:coordinator")).content.decode()
    assert "Vrijlating" not in html and "hechtenis" not in html.lower()


def test_a_release_date_at_team_level_is_in_the_coordinators_week():
    case, agent = _started_case_with_agent()
    _custody(case, agent, Confidentiality.TEAM)
    overview = coordinator_overview(case.coordinator, now=timezone.now())
    assert [d.kind for d in overview.upcoming_deadlines] == ["release"]


def _closed_with_incident_after(level):
    case, agent = _started_case_with_agent()
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Klaar.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    case.refresh_from_db()
    case = case_transition(case=case, name="reopen", actor=manager, reason="Nieuwe melding")
    incident_record(
        actor=agent,
        case=case,
        occurred_at=timezone.now(),
        description="Opnieuw (fictief)",
        confidentiality=level,
    )
    return case, manager


@pytest.mark.parametrize("viewer", ["coordinator", "manager"])
def test_recurrence_counts_only_incidents_the_viewer_may_read(viewer):
    case, manager = _closed_with_incident_after(Confidentiality.ORGANISATION)
    user = case.coordinator if viewer == "coordinator" else manager
    (row,) = outcomes_by_year(user, now=timezone.now())
    assert (row.closed, row.back_within_12_months) == (1, 0)


def test_recurrence_counts_an_incident_the_whole_team_may_read():
    case, manager = _closed_with_incident_after(Confidentiality.TEAM)
    (row,) = outcomes_by_year(manager, now=timezone.now())
    assert (row.closed, row.back_within_12_months) == (1, 1)


def test_a_passed_release_date_is_no_overdue_agreement_on_the_managers_dashboard(client):
    case, agent = _started_case_with_agent()
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    before = manager_overview(manager, now=timezone.now()).overdue_by_organisation
    custody = _custody(case, agent, Confidentiality.ORGANISATION)
    Deadline.objects.filter(source_id=custody.pk, kind="release").update(
        due_date=timezone.localdate() - datetime.timedelta(days=2)
    )
    assert Deadline.objects.filter(source_id=custody.pk, status="open").exists()
    assert manager_overview(manager, now=timezone.now()).overdue_by_organisation == before
    client.force_login(manager)
    csv_text = client.get(reverse("overviews:manager_csv")).content.decode()
    assert "verlopen afspraken" not in csv_text


def _copy_for(case, agent, *, hidden: bool):
    victim = case.persons.get(is_victim=True)
    if hidden:
        _incident(case, agent, Confidentiality.ORGANISATION, recorded_at=timezone.now())
    log_manager = UserFactory(log_manager=True)
    request = request_register(
        actor=log_manager, kind="access", persons=[victim], received_on=timezone.localdate()
    )
    copy = data_subject_copy(request)
    return [(w["part"], w["reason"]) for w in copy["withheld"]]


def test_the_data_subject_copy_says_the_same_whether_or_not_a_partner_kept_an_incident():
    case, agent = _started_case_with_agent()
    without = _copy_for(case, agent, hidden=False)
    other, other_agent = _started_case_with_agent()
    with_hidden = _copy_for(other, other_agent, hidden=True)
    assert with_hidden == without
    assert not any(agent.organisation.name in part for part, _reason in with_hidden)


def test_a_passed_release_date_is_not_named_on_the_conference_agenda():
    case, agent = _started_case_with_agent()
    before = propose(case, now=timezone.now())
    custody = _custody(case, agent, Confidentiality.ORGANISATION)
    Deadline.objects.filter(source_id=custody.pk, kind="release").update(
        due_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert propose(case, now=timezone.now()) == before
