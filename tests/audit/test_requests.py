# SPDX-License-Identifier: EUPL-1.2
"""What a request leaves in the access log: exactly one entry for a read or change of case
data, one for a refusal, never more (one INSERT per request, counted)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from tests.access.helpers import case_with_team, user_in_role

pytestmark = pytest.mark.django_db


def _audit_inserts(client, method, path, data=None):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(path, data or {})
    inserts = [
        q["sql"] for q in queries if q["sql"].upper().startswith('INSERT INTO "AUDIT_AUDITENTRY"')
    ]
    return response, len(inserts)


def test_the_case_page_is_one_insert_naming_case_and_persons(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    response, inserts = _audit_inserts(client, "get", f"/cases/{team.case.pk}/")
    assert response.status_code == 200 and inserts == 1
    entry = AuditEntry.objects.latest("pk")
    assert entry.action == Action.VIEW
    assert entry.case_id == team.case.pk and entry.case_reference == team.case.reference
    assert entry.person_ids == f"|{team.person.pk}|"
    assert entry.username == team.case.coordinator.username
    assert entry.organisation == str(team.zvh) and entry.role == "coordinator"


def test_a_change_is_one_insert(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    response, inserts = _audit_inserts(
        client,
        "post",
        reverse("casework:incident_create", args=[team.case.pk]),
        {
            "occurred_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "description": "Nieuwe dreiging (fictief)",
        },
    )
    assert response.status_code == 302 and inserts == 1
    assert AuditEntry.objects.latest("pk").action == Action.CREATE


def test_a_refusal_is_one_insert(client):
    team = case_with_team()
    client.force_login(user_in_role("partner"))
    response, inserts = _audit_inserts(client, "get", f"/cases/{team.case.pk}/")
    assert response.status_code == 404 and inserts == 1


def test_the_case_list_records_nothing_about_cases_it_does_not_show(client):
    team = case_with_team()
    client.force_login(user_in_role("partner"))
    response, inserts = _audit_inserts(client, "get", "/cases/")
    assert response.status_code == 200
    assert team.case.reference not in response.content.decode()
    assert inserts <= 1
