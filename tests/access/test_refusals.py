# SPDX-License-Identifier: EUPL-1.2
"""Clean refusals: ids out of range, wrong types and over-long fields answer 404 or a form
error — never a 500 — and refused attempts are in the access log."""

import pytest
from django.test import Client

from audit.models import Action, AuditEntry
from conferences.models import CaseConference
from tests.access.helpers import case_with_team
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"


@pytest.fixture
def team():
    return case_with_team()


def test_a_case_id_beyond_the_integer_range_is_404_and_logged(client, team):
    client.force_login(team.case.coordinator)
    for path in (
        f"/cases/{HUGE}/",
        f"/cases/{HUGE}/persons/new/",
        f"/cases/{team.case.pk}/persons/{HUGE}/",
    ):
        before = AuditEntry.objects.count()
        response = client.get(path)
        assert response.status_code == 404, path
        assert AuditEntry.objects.count() == before + 1, path
        entry = AuditEntry.objects.order_by("-pk").first()
        assert entry.action == Action.DENIED and entry.user_id == team.case.coordinator.pk


def test_other_ids_out_of_range_are_404(client, team):
    client.force_login(team.case.coordinator)
    for path in (f"/conferences/{HUGE}/", f"/conferences/{HUGE}/calendar.ics"):
        assert client.get(path).status_code in (404,), path


def _conference(team):
    from datetime import timedelta

    from django.utils import timezone

    from conferences.services import conference_schedule

    return conference_schedule(
        actor=team.case.coordinator,
        kind="code_rood",
        starts_at=timezone.now() + timedelta(days=2),
        location="Zaal 1 (fictief)",
        cases=[team.case],
        organisations=[team.partner_org],
    )


def test_a_non_numeric_point_or_decision_in_a_conference_post_is_404(client, team):
    conference = _conference(team)
    part = conference.parts.first()
    client.force_login(team.case.coordinator)
    # One URL per operation: the point or decision is part of the path.
    base = f"/conferences/{conference.pk}/parts/{part.pk}"
    for template in (base + "/agenda/{}/move/", base + "/decisions/{}/carry-out/"):
        for value in ("abc", HUGE, "-1", "1%00"):
            response = client.post(template.format(value), {"direction": "up"})
            assert response.status_code == 404, (template, value)
    assert CaseConference.objects.filter(pk=conference.pk).exists()


def test_an_over_long_login_field_is_a_form_error_and_nothing_is_stored():
    client = Client()
    response = client.post("/accounts/login/", {"username": "x" * 10_000, "password": "geheim"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "er passen er maximaal 150 in" in html  # the one text-limit message (issue 17)
    assert 'aria-invalid="true"' in html
    assert not AuditEntry.objects.filter(username__contains="x" * 100).exists()


@pytest.mark.parametrize("username", ["a\x00b", "\u202egebruiker", "😀" * 40, "-1", "' OR 1=1"])
def test_odd_login_fields_get_the_login_page_again(username):
    UserFactory(coordinator=True, username="echte")
    response = Client().post("/accounts/login/", {"username": username, "password": "x"})
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
