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


def test_a_search_by_case_finds_what_names_the_case_by_id_alone(client, log_manager):
    """A refusal on a case, or a page under it, names the case by its id only: searched by
    the case's reference (typed in any case) or its number, those entries are found too."""
    team = case_with_team()
    outsider = UserFactory(partner=True, username="otto.buiten")
    client.force_login(outsider)
    assert client.get(f"/cases/{team.case.pk}/").status_code == 404
    refusal = AuditEntry.objects.filter(username="otto.buiten", action=Action.DENIED).get()
    assert refusal.case_id == team.case.pk and refusal.case_reference == ""

    client.force_login(log_manager)
    url = reverse("audit:search")
    for typed in (team.case.reference, team.case.reference.lower(), str(team.case.pk)):
        found = _rows(client.get(url, {"case": typed}))
        assert refusal in found, typed
        assert {e.case_id for e in found} == {team.case.pk}, typed
    assert not _rows(client.get(url, {"case": "ZVH-1999-0001"}))


def test_a_case_number_beyond_any_id_finds_nothing_and_says_no_error(client, log_manager):
    response = client.get(reverse("audit:search"), {"case": "9" * 20})
    assert response.status_code == 200
    assert not _rows(response)


def test_the_search_by_reference_reads_the_log_through_its_case_index(client, team, log_manager):
    """Not every entry's reference (a full scan of the log: 268 ms to count one case's
    entries at 1,000,000, and 5.6 s for a case number): the case's id, which is indexed."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("audit:search"), {"case": team.case.reference})
    log_reads = [q["sql"] for q in queries if 'FROM "audit_auditentry"' in q["sql"]]
    assert log_reads
    assert all('"case_reference"' not in sql.split("WHERE", 1)[-1] for sql in log_reads)
    assert all('"case_id" IN' in sql for sql in log_reads if "WHERE" in sql)


def test_a_search_by_person_finds_what_names_them_and_nobody_with_like_digits(client, log_manager):
    """Named in an entry's persons or as its object; person 12 is not person 112 or 121."""
    from audit.services import audit_record

    team = case_with_team()
    actor = team.case.coordinator
    named = audit_record(actor=actor, action=Action.VIEW, case=team.case, persons=[12, 15])
    about = audit_record(actor=actor, action=Action.VIEW, case=team.case, obj=team.person)
    lookalikes = [
        audit_record(actor=actor, action=Action.VIEW, case=team.case, persons=[112, 121]),
        audit_record(actor=actor, action=Action.VIEW, case=team.case, persons=[1, 2]),
    ]
    client.force_login(log_manager)
    url = reverse("audit:search")
    twelve = _rows(client.get(url, {"person": 12}))
    assert named in twelve and not set(lookalikes) & set(twelve)
    assert about in _rows(client.get(url, {"person": team.person.pk}))
    assert named in _rows(client.get(url, {"person": 15}))


@pytest.mark.postgres
def test_postgresql_finds_a_persons_entries_through_an_index():
    """566 ms to find one person's entries among 1,000,000 by reading them all: the search
    and the subject's copy ask through the partial GIN index of audit/migrations/0006."""
    from django.db import connection, transaction

    from audit.selectors import naming_person

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test's log is small
        plan = AuditEntry.objects.filter(naming_person(4242)).explain()
    assert "audit_entry_persons" in plan


def test_a_search_by_username_in_other_capitals_finds_the_same(client, team, log_manager):
    url = reverse("audit:search")
    assert _rows(client.get(url, {"username": "VERA.Kijkt"})) == _rows(
        client.get(url, {"username": "vera.kijkt"})
    )
    assert not _rows(client.get(url, {"username": "niemand.hier"}))


@pytest.mark.postgres
def test_postgresql_finds_a_users_entries_through_an_index():
    """1.3 s to find that a name is not in a log of 1,000,000 entries by reading them all."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a test's log is small
        plan = AuditEntry.objects.filter(username__iexact="Vera.Kijkt").explain()
    assert "audit_entry_username" in plan


def test_an_entry_the_person_index_cannot_read_is_still_written_and_found_otherwise():
    """The index casts what it reads to numbers: an entry about a "person" whose id is not a
    number, or with an odd list, must still be written (the log never fails a page), and
    simply not be found by person."""
    from audit.selectors import naming_person
    from audit.services import _append, audit_chain_breaks

    odd = [
        AuditEntry(action=Action.VIEW, object_type="casework.Person", object_id="geen-getal"),
        AuditEntry(action=Action.VIEW, person_ids="|12||x|"),
        AuditEntry(action=Action.VIEW, object_type="casework.Person", object_id="9" * 30),
    ]
    written = _append(odd)
    assert all(e.pk for e in written)
    assert list(audit_chain_breaks()) == []
    # The search still runs over them. PostgreSQL's index leaves an odd list out; SQLite
    # reads the text and finds "|12|" in it.
    from django.db import connection

    found = set(AuditEntry.objects.filter(naming_person(12)).values_list("pk", flat=True))
    odd_list = written[1].pk
    assert (odd_list in found) == (connection.vendor == "sqlite")
    assert written[0].pk not in found and written[2].pk not in found
