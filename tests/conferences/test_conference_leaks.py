# SPDX-License-Identifier: EUPL-1.2
"""What a conference tells: counts only what everyone at the table may read; minutes
notifications only to people taking part; the conference list is in the access log."""

import datetime

import pytest
from django.utils import timezone

from audit.models import Action, AuditEntry
from casework.models import Confidentiality
from casework.services.cases import incident_record
from conferences import services
from conferences.models import AgendaKind
from notifications.models import Notification
from tests.conferences.test_conferences import schedule, schedule_held
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_incident, ready_to_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return ready_to_start(CaseFactory())


def test_the_agenda_counts_only_incidents_the_whole_team_may_read(case):
    police = case.registering_organisation
    officer = UserFactory(organisation=police, partner=True)
    add_incident(case)
    for level in (Confidentiality.SECTOR, Confidentiality.ORGANISATION):
        incident_record(
            actor=officer,
            case=case,
            occurred_at=timezone.now() - datetime.timedelta(hours=2),
            description="Alleen voor de politie (fictief).",
            confidentiality=level,
        )
    conference = schedule(case.coordinator, [case])
    texts = list(
        conference.parts.get()
        .agenda.filter(kind=AgendaKind.NEW_INCIDENT)
        .values_list("text", flat=True)
    )
    assert texts == ["1 nieuw(e) incident(en) sinds het vorige overleg"]


def test_minutes_reach_only_people_taking_part(case, django_capture_on_commit_callbacks):
    organisation = case.registering_organisation
    member = UserFactory(organisation=organisation, partner=True)
    admin = UserFactory(organisation=organisation, functional_admin=True)
    log_manager = UserFactory(organisation=organisation, log_manager=True)
    conference = schedule_held(case.coordinator, [case])  # minutes follow the meeting
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_adopt(actor=case.coordinator, conference=conference)
    told = set(Notification.objects.filter(kind="minutes").values_list("recipient_id", flat=True))
    assert member.pk in told and case.coordinator.pk in told
    assert admin.pk not in told and log_manager.pk not in told


def test_the_conference_list_records_the_cases_it_shows(client, case):
    schedule(case.coordinator, [case])
    client.force_login(case.coordinator)
    before = AuditEntry.objects.filter(case_id=case.pk, action=Action.VIEW).count()
    assert client.get("/conferences/").status_code == 200
    assert AuditEntry.objects.filter(case_id=case.pk, action=Action.VIEW).count() == before + 1
