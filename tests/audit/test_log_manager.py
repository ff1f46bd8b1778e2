# SPDX-License-Identifier: EUPL-1.2
"""The log manager searches the access log and exports "who looked at my file?"."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from tests.access.helpers import case_with_team, member_in_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(client):
    team = case_with_team()
    viewer = member_in_role(team, "partner")
    viewer.username = "vera.kijkt"
    viewer.save()
    client.force_login(viewer)
    client.get(f"/cases/{team.case.pk}/")  # one view of the case and its person
    client.logout()
    return team


@pytest.fixture
def log_manager(client):
    user = UserFactory(log_manager=True, username="lars")
    client.force_login(user)
    return user


def _rows(response):
    return response.context["page"].object_list


def test_search_per_person_case_user_and_period(client, team, log_manager):
    url = reverse("audit:search")
    by_person = _rows(client.get(url, {"person": team.person.pk}))
    assert any(e.username == "vera.kijkt" and e.action == Action.VIEW for e in by_person)
    by_case = _rows(client.get(url, {"case": team.case.reference}))
    assert {e.case_id for e in by_case} == {team.case.pk}
    by_user = _rows(client.get(url, {"username": "vera.kijkt"}))
    assert by_user and {e.username for e in by_user} == {"vera.kijkt"}
    today = timezone.localdate()
    assert _rows(client.get(url, {"username": "vera.kijkt", "date_from": today}))
    yesterday = today - datetime.timedelta(days=1)
    assert not _rows(client.get(url, {"username": "vera.kijkt", "date_to": yesterday}))


def test_a_reversed_period_gets_a_dutch_message(client, log_manager):
    response = client.get(
        reverse("audit:search"), {"date_from": "2026-05-02", "date_to": "2026-05-01"}
    )
    assert "De einddatum ligt vóór de begindatum." in response.content.decode()


def test_csv_export_of_one_person_with_purpose_is_itself_logged(client, team, log_manager):
    response = client.post(
        reverse("audit:person_export"),
        {"person": team.person.pk, "purpose": "Inzageverzoek betrokkene"},
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["tijdstip", "gebruiker"]
    assert any(row[1] == "vera.kijkt" and row[4] == "Inzien" for row in rows[1:])
    export = AuditEntry.objects.latest("pk")
    assert export.action == Action.EXPORT and export.user_id == log_manager.pk
    assert export.person_ids == f"|{team.person.pk}|"
    assert export.purpose == "Inzageverzoek betrokkene"


def test_export_without_purpose_is_refused_with_a_dutch_message(client, team, log_manager):
    response = client.post(reverse("audit:person_export"), {"person": team.person.pk})
    assert response.status_code == 400
    assert "Vul in waarom u deze gegevens exporteert." in response.content.decode()
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_the_log_manager_cannot_open_case_content(client, team, log_manager):
    assert client.get(f"/cases/{team.case.pk}/").status_code == 404
    assert client.get("/cases/").status_code == 403


@pytest.mark.parametrize(
    "role", ["coordinator", "zvh_manager", "partner", "functional_admin", "municipality_official"]
)
def test_other_roles_cannot_read_the_log(client, team, role):
    client.force_login(member_in_role(team, role))
    assert client.get(reverse("audit:search")).status_code == 403
    response = client.post(
        reverse("audit:person_export"), {"person": team.person.pk, "purpose": "nieuwsgierig"}
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(action=Action.DENIED, path="/audit/export/").exists()


def test_search_page_query_count_is_bounded(
    client, team, log_manager, django_assert_max_num_queries
):
    with django_assert_max_num_queries(16):
        client.get(reverse("audit:search"), {"case": team.case.reference})
