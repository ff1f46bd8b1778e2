# SPDX-License-Identifier: EUPL-1.2
"""Every access-log entry names the case (and object) it is about: refusals, changes,
removals of members, and the overviews that show several cases."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from casework.services.phases import case_transition
from huisverbod.services import huisverbod_impose
from tests.access.helpers import case_with_team, user_in_role
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start

pytestmark = pytest.mark.django_db


def _new_entries(since: int):
    return list(AuditEntry.objects.filter(pk__gt=since).order_by("pk"))


def _last_pk() -> int:
    last = AuditEntry.objects.order_by("-pk").first()
    return last.pk if last else 0


def test_a_refusal_names_the_case_that_was_tried(client):
    team = case_with_team()
    other = CaseFactory()
    client.force_login(user_in_role("partner"))
    before = _last_pk()
    assert client.get(f"/cases/{team.case.pk}/").status_code == 404
    (entry,) = _new_entries(before)
    assert entry.action == Action.DENIED
    assert entry.case_id == team.case.pk and entry.case_id != other.pk


def test_a_change_names_its_case_and_object(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    before = _last_pk()
    response = client.post(
        reverse("casework:incident_create", args=[team.case.pk]),
        {
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "description": "Nieuwe dreiging (fictief)",
        },
    )
    assert response.status_code == 302
    (entry,) = _new_entries(before)
    incident = team.case.incidents.get(description="Nieuwe dreiging (fictief)")
    assert (entry.action, entry.case_id) == (Action.CREATE, team.case.pk)
    assert (entry.object_type, entry.object_id) == ("casework.Incident", str(incident.pk))


def test_removing_a_member_is_recorded_against_the_case(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    membership = team.case.memberships.active().organisations().get(organisation=team.partner_org)
    before = _last_pk()
    response = client.post(
        reverse("casework:membership_remove", args=[team.case.pk, membership.pk])
    )
    assert response.status_code == 302
    deletes = [e for e in _new_entries(before) if e.action == Action.DELETE]
    assert [(e.case_id, e.object_type, e.object_id) for e in deletes] == [
        (team.case.pk, "casework.CaseMembership", str(membership.pk))
    ]


def test_the_huisverbod_overview_records_each_case_it_shows(client):
    coordinator = UserFactory(coordinator=True)
    shown = []
    for _ in range(2):
        case = ready_to_start(CaseFactory(coordinator=coordinator))
        case = case_transition(case=case, name="start", actor=coordinator, reason="start")
        perpetrator = add_person(case, roles=("perpetrator",), first_name="Mark", last_name="X")
        huisverbod_impose(
            actor=coordinator,
            case=case,
            person=perpetrator,
            imposed_at=timezone.now() - datetime.timedelta(hours=2),
            imposed_by="mayor",
            decision_written_on=timezone.localdate(),
        )
        shown.append(case.pk)
    not_mine = CaseFactory()
    client.force_login(coordinator)
    before = _last_pk()
    response = client.get(reverse("huisverbod:huisverbod_overview"))
    assert response.status_code == 200
    views = [e for e in _new_entries(before) if e.action == Action.VIEW]
    assert sorted(e.case_id for e in views) == sorted(shown)
    assert not_mine.pk not in {e.case_id for e in views}
    assert all(e.object_type == "huisverbod.Huisverbod" for e in views)
