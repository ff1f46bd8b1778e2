# SPDX-License-Identifier: EUPL-1.2
"""Confidentiality within a case: incidents per level, and the shelter address."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.models import Confidentiality, Incident
from casework.permissions import can_view_incident
from casework.selectors import (
    case_timeline,
    confidential_address_for,
    incidents_visible_to,
    person_get_for,
    persons_visible_to,
)
from casework.services.cases import incident_record, membership_add_professional
from tests.access.helpers import case_with_team, member_in_role, user_in_role
from tests.factories import UserFactory
from tests.factories.cases import add_partner

pytestmark = pytest.mark.django_db
SHELTER_ADDRESS = "Geheimstraat 1, Opvanghuis (fictief)"


@pytest.fixture
def team():
    return case_with_team()


def _record(case, actor, text, level):
    return incident_record(
        actor=actor,
        case=case,
        occurred_at=timezone.now() - datetime.timedelta(minutes=30),
        description=text,
        confidentiality=level,
    )


@pytest.fixture
def levels(team):
    police = team.case.registering_organisation  # justice sector
    agent = UserFactory(organisation=police, partner=True)
    _record(team.case, agent, "Justitie-informatie (fictief)", Confidentiality.SECTOR)
    _record(team.case, agent, "Alleen politie (fictief)", Confidentiality.ORGANISATION)
    _record(team.case, agent, "Voor iedereen (fictief)", Confidentiality.TEAM)
    probation = add_partner(team.case, kind=OrganisationKind.PROBATION)
    return {
        "agent": agent,
        "probation": UserFactory(organisation=probation, partner=True),
        "care": member_in_role(team, "partner"),  # Veilig Thuis, care sector
        "coordinator": team.case.coordinator,
    }


def _texts(user, case):
    return {i.description for i in incidents_visible_to(user, case)}


def test_each_level_reaches_exactly_its_readers(team, levels):
    case = team.case
    everyone = {"Voor iedereen (fictief)", "Melding van bedreiging (fictief)."}
    assert _texts(levels["agent"], case) == everyone | {
        "Justitie-informatie (fictief)",
        "Alleen politie (fictief)",
    }
    assert _texts(levels["probation"], case) == everyone | {"Justitie-informatie (fictief)"}
    assert _texts(levels["care"], case) == everyone
    assert _texts(levels["coordinator"], case) == everyone | {"Justitie-informatie (fictief)"}
    assert _texts(user_in_role("partner"), case) == set()  # stranger: nothing at all
    for user in levels.values():
        for incident in Incident.objects.filter(case=case):
            assert can_view_incident(user, incident) == (incident.description in _texts(user, case))


def test_case_page_and_timeline_leave_out_what_the_reader_may_not_see(client, team, levels):
    client.force_login(levels["care"])
    html = client.get(f"/cases/{team.case.pk}/").content.decode()
    assert "Voor iedereen (fictief)" in html
    assert "Justitie-informatie (fictief)" not in html
    assert "Alleen politie (fictief)" not in html
    timeline = case_timeline(team.case, user=levels["care"])
    assert not any("Justitie" in e.detail or "politie" in e.detail for e in timeline)
    client.force_login(levels["probation"])
    html = client.get(f"/cases/{team.case.pk}/").content.decode()
    assert "Justitie-informatie (fictief)" in html and "Alleen politie (fictief)" not in html


def test_the_incident_form_sets_the_level_and_ignores_tampered_fields(client, team):
    agent = UserFactory(organisation=team.case.registering_organisation, partner=True)
    client.force_login(agent)
    response = client.post(
        reverse("casework:incident_create", args=[team.case.pk]),
        {
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "description": "Aangifte opgenomen (fictief)",
            "confidentiality": "sector",
            "sector": "care",  # tampered: not a form field, and not the agent's sector
            "reported_by_organisation": team.partner_org.pk,  # tampered
            "case": team.case.pk + 1,  # tampered
        },
    )
    assert response.status_code == 302
    incident = Incident.objects.get(description="Aangifte opgenomen (fictief)")
    assert incident.case_id == team.case.pk
    assert incident.confidentiality == "sector" and incident.sector == "justice"
    assert incident.reported_by_organisation_id == agent.organisation_id


def test_a_tampered_level_is_refused_with_a_dutch_message_and_nothing_changes(client, team):
    client.force_login(team.case.coordinator)
    before = Incident.objects.count()
    response = client.post(
        reverse("casework:incident_create", args=[team.case.pk]),
        {
            "occurred_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
            "description": "X",
            "confidentiality": "everyone-in-the-world",
        },
    )
    assert response.status_code == 200
    assert "Kies wie dit incident mag lezen." in response.content.decode()
    assert Incident.objects.count() == before


def test_the_service_refuses_another_sector(team):
    from django.core.exceptions import ValidationError

    agent = UserFactory(organisation=team.case.registering_organisation, partner=True)
    with pytest.raises(ValidationError):
        incident_record(
            actor=agent,
            case=team.case,
            occurred_at=timezone.now(),
            description="x",
            confidentiality=Confidentiality.SECTOR,
            sector="care",
        )


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("case_coordinator", True),
        ("named_coordinator", True),
        ("coordinator", False),  # a coordinator of the ZVH, but not of this case
        ("second_zvh_coordinator", False),
        ("shelter_partner", True),
        ("zvh_manager", False),
        ("partner", False),
        ("partner_manager", False),
        ("municipality_official", False),
    ],
)
def test_shelter_address_only_for_shelter_and_the_cases_own_coordinators(client, team, role, sees):
    if role == "shelter_partner":
        shelter = add_partner(team.case, kind=OrganisationKind.SHELTER)
        user = UserFactory(organisation=shelter, partner=True)
    elif role == "case_coordinator":
        user = team.case.coordinator
    elif role == "named_coordinator":
        user = member_in_role(team, "coordinator")
        membership_add_professional(actor=team.case.coordinator, case=team.case, user=user)
    elif role == "second_zvh_coordinator":
        second = add_partner(team.case, kind=OrganisationKind.ZVH)
        user = UserFactory(organisation=second, coordinator=True)
    else:
        user = member_in_role(team, role)
    client.force_login(user)
    html = client.get(f"/cases/{team.case.pk}/").content.decode()
    assert (SHELTER_ADDRESS in html) is sees
    # Every read path built on the selectors agrees: lists, one person, messages.
    assert (persons_visible_to(user, team.case)[0].confidential_address == SHELTER_ADDRESS) is sees
    one = person_get_for(user, team.case, team.person.pk)
    assert (one.confidential_address == SHELTER_ADDRESS) is sees
    assert (confidential_address_for(user, team.person) == SHELTER_ADDRESS) is sees


def test_a_shelter_that_does_not_take_part_sees_nothing(team):
    outsider = user_in_role("partner", kind_for_partner=OrganisationKind.SHELTER)
    assert confidential_address_for(outsider, team.person) == ""
    from django.http import Http404

    with pytest.raises(Http404):
        from casework.selectors import case_get_for

        case_get_for(outsider, team.case.pk)


def test_the_case_page_query_count_stays_bounded(
    client, team, levels, django_assert_max_num_queries
):
    client.force_login(levels["care"])
    client.get(f"/cases/{team.case.pk}/")  # builds the timeline rows (first view after a change)
    # As tests/casework/test_case_views.py: a partner's page without the rebuild.
    with django_assert_max_num_queries(23):
        assert client.get(f"/cases/{team.case.pk}/").status_code == 200
