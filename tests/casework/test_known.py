# SPDX-License-Identifier: EUPL-1.2
"""Already known? (issue 16): the MARAC repeat at registration."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.models import PersonLink
from overviews.selectors import factsheet
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person

pytestmark = pytest.mark.django_db
DOB = datetime.date(1988, 2, 14)


def _form(**overrides):
    data = {
        "first_name": "Ayse",
        "last_name": "Kilic",
        "date_of_birth": "1988-02-14",
        "roles": ["victim"],
    }
    data.update(overrides)
    return data


@pytest.fixture
def earlier():
    case = CaseFactory()
    add_person(case, first_name="Ayşe", last_name="Kılıç", date_of_birth=DOB)
    return case


def test_same_coordinator_sees_the_reference_and_confirms_the_link(client, earlier):
    case = CaseFactory(coordinator=earlier.coordinator)
    client.force_login(earlier.coordinator)
    url = reverse("casework:person_create", args=[case.pk])
    response = client.post(url, _form())
    html = response.content.decode()
    assert response.status_code == 200
    assert earlier.reference in html
    assert "Er is nog niets opgeslagen." in html
    assert 'value="Kilic"' in html
    assert case.persons.count() == 0
    response = client.post(url, {**_form(), "known_checked": "on", "confirm_known": "on"})
    assert response.status_code == 302
    assert response["Location"].endswith("#persons")
    link = PersonLink.objects.get()
    assert link.person.case_id == case.pk and link.known_person.case_id == earlier.pk
    assert factsheet(earlier.coordinator, year=timezone.localdate().year).repeat_cases == 1


def test_another_coordinator_only_hears_to_ask_the_zvh(client, earlier):
    other = UserFactory(coordinator=True)
    case = CaseFactory(coordinator=other)
    client.force_login(other)
    html = client.post(reverse("casework:person_create", args=[case.pk]), _form()).content.decode()
    assert "bekend bij een andere casus — neem contact op met de ZVH" in html
    assert earlier.reference not in html


def test_saving_without_confirming_records_no_link(client, earlier):
    case = CaseFactory(coordinator=earlier.coordinator)
    client.force_login(earlier.coordinator)
    url = reverse("casework:person_create", args=[case.pk])
    response = client.post(url, {**_form(), "known_checked": "on"})
    assert response.status_code == 302
    assert case.persons.count() == 1
    assert not PersonLink.objects.exists()


def test_long_closed_cases_and_other_birthdays_do_not_count(client, earlier):
    case = CaseFactory(coordinator=earlier.coordinator)
    client.force_login(earlier.coordinator)
    url = reverse("casework:person_create", args=[case.pk])
    response = client.post(url, _form(date_of_birth="1988-02-15"))
    assert response.status_code == 302
    from casework.models import Case

    Case.objects.filter(pk=earlier.pk).update(
        phase="closed", phase_entered_at=timezone.now() - datetime.timedelta(days=400)
    )
    response = client.post(url, _form(first_name="Ayşe", roles=["child"]))
    assert response.status_code == 302


def test_without_a_date_of_birth_nobody_is_known_and_the_person_is_saved(client, earlier):
    # Date of birth is optional (issue 12); a name alone is no match (issue 16).
    case = CaseFactory(coordinator=earlier.coordinator)
    client.force_login(earlier.coordinator)
    url = reverse("casework:person_create", args=[case.pk])
    response = client.post(url, _form(date_of_birth=""))
    assert response.status_code == 302 and response["Location"].endswith("#persons")
    person = case.persons.get()
    assert person.date_of_birth is None and person.search_name == "ayse kilic"
    assert not PersonLink.objects.exists()
    html = client.get(response["Location"]).content.decode()
    assert "Betrokkene toegevoegd." in html


def test_a_wrong_date_of_birth_keeps_what_was_typed_and_saves_nothing(client, earlier):
    case = CaseFactory(coordinator=earlier.coordinator)
    client.force_login(earlier.coordinator)
    url = reverse("casework:person_create", args=[case.pk])
    html = client.post(url, _form(date_of_birth="31-02-1988")).content.decode()
    assert "Vul een geldige datum in" in html and 'value="Kilic"' in html
    assert case.persons.count() == 0
