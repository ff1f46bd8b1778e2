# SPDX-License-Identifier: EUPL-1.2
"""Change history: old and new value, who and when; visible to the coordinator."""

import datetime

import pytest
from django.utils.html import escape

from casework.services.cases import person_update
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

pytestmark = pytest.mark.django_db


def test_a_change_keeps_old_and_new_value_and_the_coordinator_sees_it(client):
    case = CaseFactory()
    person = add_person(case, phone="0611111111")
    person_update(
        actor=case.coordinator,
        case=case,
        person=person,
        roles=["victim"],
        first_name="Sanne",
        last_name="de Vries",
        date_of_birth=datetime.date(1990, 5, 17),
        phone="0622222222",
        email="",
        address="",
        confidential_address="",
    )
    records = list(person.changes.order_by("history_date"))
    assert [r.phone for r in records] == ["0611111111", "0622222222"]
    assert {r.history_user for r in records} == {case.coordinator}
    client.force_login(case.coordinator)
    client.post(
        f"/cases/{case.pk}/persons/{person.pk}/",
        {
            "first_name": "Sanne",
            "last_name": "de Vries",
            "date_of_birth": "1990-05-17",
            "roles": ["victim"],
            "phone": "0633333333",
        },
    )
    page = client.get(f"/cases/{case.pk}/geschiedenis/").content.decode()
    assert "0622222222" in page and "0633333333" in page
    assert escape(str(case.coordinator)) in page  # who, from the request
    partner = UserFactory(organisation=add_partner(case), partner=True)
    client.force_login(partner)
    assert client.get(f"/cases/{case.pk}/geschiedenis/").status_code == 404
