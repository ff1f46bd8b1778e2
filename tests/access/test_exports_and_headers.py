# SPDX-License-Identifier: EUPL-1.2
"""Cache-Control on authenticated responses, and the one CSV writer."""

import csv
import io

import pytest
from django.urls import reverse

from casework.models import Municipality
from config.csv import csv_safe
from tests.access.helpers import case_with_team
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db


def test_every_authenticated_page_says_no_store(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    for path in (
        f"/cases/{team.case.pk}/",
        f"/cases/{team.case.pk}/plan/",
        f"/cases/{team.case.pk}/partners/",
        "/cases/",
        "/notifications/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_cells_that_look_like_formulas_are_neutralised(start):
    assert csv_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert csv_safe("Enschede") == "Enschede"


def test_the_managers_csv_neutralises_a_formula_in_a_name(client):
    evil = Municipality.objects.create(name='=HYPERLINK("https://example.invalid","klik")')
    case = CaseFactory(municipality=evil)
    manager = UserFactory(organisation=case.coordinator.organisation, zvh_manager=True)
    client.force_login(manager)
    response = client.get(reverse("overviews:manager_csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    cells = [cell for row in rows for cell in row]
    assert "'" + evil.name in cells
    assert evil.name not in cells
