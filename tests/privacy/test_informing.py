# SPDX-License-Identifier: EUPL-1.2
"""Informing people: recorded per person, or postponed with reason and end; an overdue
"not yet informed" is a deadline of the coordinator, with reminders."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from deadlines.models import Deadline, Reminder
from deadlines.services.scan import deadline_scan
from privacy.models import InformingMethod
from privacy.services import informing_deadlines_sync, informing_record
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

pytestmark = pytest.mark.django_db


def _informing_deadline(person):
    return Deadline.objects.get(source_type="casework.person", source_id=person.pk)


def test_a_person_not_informed_is_a_deadline_of_the_coordinator_with_reminders(settings):
    settings.CASUSREGIE_INFORMING_DAYS = 14
    case = CaseFactory()
    person = add_person(case)
    assert informing_deadlines_sync(now=timezone.now()) == 1
    deadline = _informing_deadline(person)
    assert deadline.owner_user == case.coordinator
    assert deadline.kind == "informing"
    assert deadline.due_date == timezone.localdate() + datetime.timedelta(days=14)
    assert person.first_name not in deadline.title  # no names in reminders
    assert informing_deadlines_sync(now=timezone.now()) == 0  # idempotent
    # When it is due, the engine reminds the coordinator.
    deadline_scan(now=timezone.now() + datetime.timedelta(days=15))
    assert Reminder.objects.filter(deadline=deadline).exists()


def test_recording_when_and_how_closes_the_deadline():
    case = CaseFactory()
    person = add_person(case)
    informing_deadlines_sync(now=timezone.now())
    informing = informing_record(
        actor=case.coordinator,
        person=person,
        informed_on=timezone.localdate(),
        method=InformingMethod.IN_PERSON,
    )
    assert informing.informed_by == case.coordinator
    assert _informing_deadline(person).status == "done"


def test_postponement_needs_a_reason_and_an_end_and_keeps_the_deadline_open():
    case = CaseFactory()
    person = add_person(case)
    with pytest.raises(ValidationError) as refused:
        informing_record(
            actor=case.coordinator,
            person=person,
            informed_on=None,
            method="",
            postponed_reason="",
            postponed_until=None,
        )
    assert set(refused.value.message_dict) == {"postponed_reason", "postponed_until"}
    until = timezone.localdate() + datetime.timedelta(days=30)
    informing_record(
        actor=case.coordinator,
        person=person,
        informed_on=None,
        method="",
        postponed_reason="Informeren brengt het slachtoffer in gevaar (fictief).",
        postponed_until=until,
    )
    deadline = _informing_deadline(person)
    assert (deadline.status, deadline.due_date) == ("open", until)


def test_a_partner_cannot_record_informing_and_the_page_shows_dutch_errors(client):
    case = CaseFactory()
    person = add_person(case)
    organisation = add_partner(case)
    partner = UserFactory(organisation=organisation, partner=True)
    client.force_login(partner)
    assert client.get(f"/cases/{case.pk}/persons/{person.pk}/informeren/").status_code == 404
    client.force_login(case.coordinator)
    response = client.post(
        f"/cases/{case.pk}/persons/{person.pk}/informeren/",
        {"postponed_reason": "Gevaar voor slachtoffer (fictief)."},
    )
    body = response.content.decode()
    assert "Vul in tot wanneer informeren wordt uitgesteld." in body
    assert "Gevaar voor slachtoffer (fictief)." in body
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "nog niet geïnformeerd" in page
