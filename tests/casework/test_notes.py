# SPDX-License-Identifier: EUPL-1.2
"""The case journal (issue 16): notes with confidentiality levels, shown in the timeline."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.models import CaseNote, Confidentiality
from casework.services.notes import note_record
from tests.access.helpers import ROLES, case_with_team, member_in_role, user_in_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _page(client, user, case):
    client.force_login(user)
    return client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()


def test_a_member_adds_a_note_and_returns_to_the_journal(client):
    team = case_with_team()
    partner = member_in_role(team, "partner")
    client.force_login(partner)
    url = reverse("casework:note_create", args=[team.case.pk])
    response = client.post(
        url, {"text": "Moeder gebeld, gaat goed (fictief).", "confidentiality": "team"}
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#notes")
    html = client.get(response["Location"]).content.decode()
    assert "Notitie vastgelegd." in html
    assert 'role="status"' in html
    assert html.count("Moeder gebeld, gaat goed (fictief).") == 2  # journal and timeline


def test_a_note_without_text_gets_a_dutch_message_and_keeps_the_choice(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    url = reverse("casework:note_create", args=[team.case.pk])
    response = client.post(url, {"text": "   ", "confidentiality": "organisation"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Schrijf wat u wilt vastleggen." in html
    assert (
        'value="organisation" checked' in html
        or 'checked value="organisation"' in html
        or ('value="organisation"' in html and "checked" in html)
    )
    assert not CaseNote.objects.exists()


def test_confidential_notes_are_hidden_from_those_who_may_not_read_them(client):
    team = case_with_team()
    police = team.case.registering_organisation
    officer = UserFactory(organisation=police, partner=True)
    note_record(
        actor=officer,
        case=team.case,
        text="Alleen politie leest dit (fictief).",
        confidentiality=Confidentiality.ORGANISATION,
    )
    note_record(
        actor=officer,
        case=team.case,
        text="Alleen de sector leest dit (fictief).",
        confidentiality=Confidentiality.SECTOR,
    )
    colleague = UserFactory(organisation=police, partner=True)
    html = _page(client, colleague, team.case)
    assert "Alleen politie leest dit" in html
    vt_partner = member_in_role(team, "partner")
    html = _page(client, vt_partner, team.case)
    assert "Alleen politie leest dit" not in html
    assert "Alleen de sector leest dit" not in html
    html = _page(client, team.case.coordinator, team.case)
    assert "Alleen de sector leest dit" in html
    assert "Alleen politie leest dit" not in html


def test_strangers_get_404_and_roles_without_recording_get_no_button(client):
    team = case_with_team()
    url = reverse("casework:note_create", args=[team.case.pk])
    for role in ROLES:
        client.force_login(user_in_role(role))
        assert client.post(url, {"text": "x"}).status_code == 404, role
    official = member_in_role(team, "municipality_official")
    html = _page(client, official, team.case)
    assert url not in html
    client.force_login(official)
    assert client.post(url, {"text": "Probeer (fictief)."}).status_code == 404
    assert not CaseNote.objects.exists()


def test_an_unknown_confidentiality_is_refused():
    team = case_with_team()
    with pytest.raises(ValidationError):
        note_record(actor=team.case.coordinator, case=team.case, text="x", confidentiality="x")
    assert not CaseNote.objects.exists()


def test_the_timeline_page_filters_by_kind_and_hides_what_may_not_be_read(client):
    team = case_with_team()
    police = team.case.registering_organisation
    officer = UserFactory(organisation=police, partner=True)
    note_record(
        actor=officer,
        case=team.case,
        text="Alleen voor politie (fictief).",
        confidentiality=Confidentiality.ORGANISATION,
    )
    note_record(actor=officer, case=team.case, text="Voor iedereen (fictief).")
    url = reverse("casework:case_timeline", args=[team.case.pk])
    client.force_login(member_in_role(team, "partner"))
    html = client.get(url, {"kind": "note"}).content.decode()
    assert "Voor iedereen (fictief)." in html
    assert "Alleen voor politie" not in html
    assert "neemt deel" not in html  # memberships filtered out
    html = client.get(url).content.decode()
    assert "neemt deel" in html
    for role in ROLES:
        client.force_login(user_in_role(role))
        assert client.get(url).status_code == 404, role
