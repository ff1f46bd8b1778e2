# SPDX-License-Identifier: EUPL-1.2
"""The new pages' query counts do not grow with their data."""

import datetime

import pytest
from django.utils import timezone

from casework.services.cases import person_update
from privacy.services import request_register, request_step_record
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person

pytestmark = pytest.mark.django_db


def _edit(case, person, n):
    person_update(
        actor=case.coordinator,
        case=case,
        person=person,
        roles=["child"],
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        phone=f"06{n:08d}",
        email="",
        address="",
        confidential_address="",
    )


@pytest.mark.parametrize("size", [1, 8])
def test_case_history_page(client, django_assert_max_num_queries, size):
    case = CaseFactory()
    for n in range(size):
        person = add_person(case, first_name=f"Kind{n}", roles=("child",))
        for k in range(size):
            _edit(case, person, k)
    client.force_login(case.coordinator)
    with django_assert_max_num_queries(30):
        response = client.get(f"/cases/{case.pk}/geschiedenis/")
    assert response.status_code == 200
    assert response.content.decode().count("Betrokkene (") >= size * (size + 1)


@pytest.mark.parametrize("size", [1, 8])
def test_request_pages(client, django_assert_max_num_queries, size):
    log_manager = UserFactory(log_manager=True)
    persons = []
    for _n in range(size):
        persons.append(add_person(CaseFactory()))
    request = request_register(
        actor=log_manager, kind="access", persons=persons, received_on=timezone.localdate()
    )
    for n in range(size):
        request_step_record(actor=log_manager, request=request, description=f"Stap {n}")
        request_register(
            actor=log_manager,
            kind="access",
            persons=persons[:1],
            received_on=timezone.localdate() - datetime.timedelta(days=n),
        )
    client.force_login(log_manager)
    with django_assert_max_num_queries(20):
        assert client.get("/privacy/verzoeken/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/privacy/verzoeken/{request.pk}/").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get("/privacy/bewaartermijnen/").status_code == 200
