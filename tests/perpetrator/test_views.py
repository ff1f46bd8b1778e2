# SPDX-License-Identifier: EUPL-1.2
"""The track's pages: who may open them, what bad input says, what the case page shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from conferences.agenda import propose
from conferences.models import AgendaKind
from perpetrator.models import Breach, Condition, Custody
from perpetrator.services import breach_record, condition_record, custody_record
from tests.factories.cases import CaseFactory, add_person
from tests.perpetrator.conftest import days

pytestmark = pytest.mark.django_db


def _url(name, track, *args):
    return reverse(f"perpetrator:{name}", args=[track.case.pk, *args])


def _condition(track, actor=None, **fields):
    values = {
        "person": track.perpetrator,
        "kind": "contact_ban",
        "imposed_by": "court",
        "starts_on": days(-5),
        "ends_on": days(30),
    }
    values.update(fields)
    return condition_record(actor=actor or track.probation, case=track.case, **values)


@pytest.mark.parametrize("name", ["condition_create", "custody_create", "breach_create"])
def test_who_may_open_the_forms(client, track, name):
    for user in (track.probation, track.police, track.coordinator):
        client.force_login(user)
        assert client.get(_url(name, track)).status_code == 200
    for user in (track.vt_user, track.stranger):
        client.force_login(user)
        assert client.get(_url(name, track)).status_code == 404
        assert client.post(_url(name, track), {"description": "x"}).status_code == 404
    assert AuditEntry.objects.filter(action=Action.DENIED, case_id=track.case.pk).count() == 4
    assert not Condition.objects.exists() and not Breach.objects.exists()


def test_a_condition_ending_before_it_begins_keeps_what_was_typed(client, track):
    client.force_login(track.probation)
    response = client.post(
        _url("condition_create", track),
        {
            "person": track.perpetrator.pk,
            "kind": "area_ban",
            "imposed_by": "prosecutor",
            "starts_on": days(10).isoformat(),
            "ends_on": days(3).isoformat(),
            "details": "Niet in de Oude Markt (fictief).",
            "confidentiality": "team",
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "een voorwaarde kan niet eindigen voordat ze begint" in html
    assert 'aria-invalid="true"' in html
    assert "Niet in de Oude Markt (fictief)." in html
    assert f'value="{days(3).isoformat()}"' in html and f'value="{days(10).isoformat()}"' in html
    assert not Condition.objects.exists()


def test_a_condition_is_recorded_and_shown_on_the_case_page(client, track):
    client.force_login(track.probation)
    response = client.post(
        _url("condition_create", track),
        {
            "person": track.perpetrator.pk,
            "kind": "contact_ban",
            "imposed_by": "court",
            "starts_on": days(-2).isoformat(),
            "ends_on": days(60).isoformat(),
            "confidentiality": "team",
        },
    )
    assert response.status_code == 302
    client.force_login(track.vt_user)
    html = client.get(reverse("casework:case_detail", args=[track.case.pk])).content.decode()
    assert "Plegerspoor" in html and "Contactverbod" in html
    assert "Voorwaarde vastleggen" not in html  # Veilig Thuis reads, does not record


def test_a_release_before_custody_is_shown_on_the_form(client, track):
    client.force_login(track.police)
    response = client.post(
        _url("custody_create", track),
        {
            "person": track.perpetrator.pk,
            "custody_on": days(-1).isoformat(),
            "release_on": days(-8).isoformat(),
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "ligt vóór de datum van inhechtenisneming" in html
    assert f'value="{days(-8).isoformat()}"' in html
    assert not Custody.objects.exists()


def test_the_release_date_is_changed_on_its_own_page(client, track):
    custody = custody_record(
        actor=track.probation, case=track.case, person=track.perpetrator, custody_on=days(-4)
    )
    client.force_login(track.probation)
    url = _url("custody_release", track, custody.pk)
    assert client.get(url).status_code == 200
    assert AuditEntry.objects.filter(action=Action.VIEW, object_type="perpetrator.Custody")
    bad = client.post(url, {"release_on": days(-9).isoformat()})
    assert "ligt vóór de datum van inhechtenisneming" in bad.content.decode()
    assert client.post(url, {"release_on": days(15).isoformat()}).status_code == 302
    custody.refresh_from_db()
    assert custody.release_on == days(15)
    client.force_login(track.vt_user)
    assert client.get(url).status_code == 404


def test_a_custody_of_another_case_is_not_found(client, track):
    other = custody_record(
        actor=track.probation, case=track.case, person=track.perpetrator, custody_on=days(-4)
    )
    elsewhere = CaseFactory(coordinator=track.coordinator)
    client.force_login(track.coordinator)
    url = reverse("perpetrator:custody_release", args=[elsewhere.pk, other.pk])
    assert client.get(url).status_code == 404


def test_bad_breach_input_is_answered_on_the_page(client, track):
    condition = _condition(track, starts_on=days(-3))
    client.force_login(track.police)
    url = _url("breach_create", track)
    empty = client.post(url, {"occurred_at": "", "description": ""}).content.decode()
    assert "Kies de voorwaarde die is overtreden." in empty
    assert "Beschrijf wat er is gebeurd." in empty
    before = (datetime.datetime.combine(days(-6), datetime.time(21, 0))).strftime("%Y-%m-%dT%H:%M")
    html = client.post(
        url,
        {"condition": condition.pk, "occurred_at": before, "description": "Belde 12 keer."},
    ).content.decode()
    assert "ligt vóór de ingangsdatum van de voorwaarde" in html
    assert "Belde 12 keer." in html
    assert "Terugval" not in html  # only the coordinator, and only from stable safety
    assert not Breach.objects.exists()


def test_a_breach_is_recorded_and_its_level_is_kept(client, track):
    condition = _condition(track, starts_on=days(-3))
    client.force_login(track.police)
    when = datetime.datetime.combine(days(-1), datetime.time(21, 0)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        _url("breach_create", track),
        {
            "condition": condition.pk,
            "occurred_at": when,
            "description": "Stond voor de deur (fictief).",
            "confidentiality": "sector",
        },
    )
    assert response.status_code == 302
    client.force_login(track.probation)
    html = client.get(reverse("casework:case_detail", args=[track.case.pk])).content.decode()
    assert "Stond voor de deur (fictief)." in html
    client.force_login(track.vt_user)
    html = client.get(reverse("casework:case_detail", args=[track.case.pk])).content.decode()
    assert "Stond voor de deur (fictief)." not in html  # justice only


def test_sector_and_organisation_items_are_hidden_from_others(client, track):
    _condition(track, kind="reporting_duty", confidentiality="sector", details="Meldplicht-x")
    _condition(track, kind="treatment", confidentiality="organisation", details="Behandel-y")
    pages = {}
    for user in (track.probation, track.police, track.coordinator, track.vt_user):
        client.force_login(user)
        url = reverse("casework:case_detail", args=[track.case.pk])
        pages[user.username] = client.get(url).content.decode()
    assert "Meldplicht-x" in pages["toezicht"] and "Behandel-y" in pages["toezicht"]
    assert "Meldplicht-x" in pages["agent"] and "Behandel-y" not in pages["agent"]
    coordinator = pages[track.coordinator.username]
    assert "Meldplicht-x" in coordinator and "Behandel-y" not in coordinator
    assert "Meldplicht-x" not in pages["vt"] and "Behandel-y" not in pages["vt"]


def test_a_case_without_a_pleger_has_no_track_section(client, track):
    case = CaseFactory(coordinator=track.coordinator)
    add_person(case)
    client.force_login(track.coordinator)
    html = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Plegerspoor" not in html


def test_the_agenda_proposes_team_dates_within_two_weeks(track):
    custody_record(
        actor=track.probation,
        case=track.case,
        person=track.perpetrator,
        custody_on=days(-20),
        release_on=days(6),
    )
    _condition(track, ends_on=days(10))
    _condition(track, ends_on=days(40))  # too far ahead
    _condition(track, kind="area_ban", ends_on=days(5), confidentiality="sector")  # not at table
    points = [
        text for kind, text in propose(track.case, now=timezone.now()) if kind == "perpetrator"
    ]
    assert len(points) == 2
    assert any("Vrijlating van de pleger verwacht" in text for text in points)
    assert any("Contactverbod" in text for text in points)
    assert AgendaKind.PERPETRATOR == "perpetrator"


def test_case_page_query_count_does_not_grow_with_the_track(
    client, track, django_assert_max_num_queries
):
    client.force_login(track.probation)
    url = reverse("casework:case_detail", args=[track.case.pk])
    _condition(track)
    custody_record(
        actor=track.probation, case=track.case, person=track.perpetrator, custody_on=days(-9)
    )
    # The first view after a change rebuilds the timeline (tests/casework/test_case_views.py);
    # the counts compared are those of the views after it. (A case with nothing on the track
    # reads none of it: known with the case, casework.page.known_empty.)
    client.get(url)
    with django_assert_max_num_queries(19) as few:
        client.get(url)
    few = len(few.captured_queries)  # (a later request empties the connection's query log)
    for n in range(8):
        condition = _condition(track, ends_on=days(30 + n))
        custody_record(
            actor=track.probation, case=track.case, person=track.perpetrator, custody_on=days(-n)
        )

    for n in range(4):
        breach_record(
            actor=track.police,
            case=track.case,
            condition=condition,
            occurred_at=timezone.now() - datetime.timedelta(hours=n + 1),
            description=f"Overtreding {n}",
        )
    client.get(url)
    with django_assert_max_num_queries(few) as many:
        client.get(url)
    assert len(many.captured_queries) == few
