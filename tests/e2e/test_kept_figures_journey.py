# SPDX-License-Identifier: EUPL-1.2
"""The manager's dashboard shows kept figures with the moment they were computed; a case
registered since shows after "Nu bijwerken" (issue 14, overviews.kept)."""

import re

import pytest

from casework.models import Case
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory


def _tracks(page) -> str:
    return page.get_by_role("heading", name="Casussen per traject").locator("..").inner_text()


@pytest.mark.django_db(transaction=True)
def test_the_manager_refreshes_the_kept_figures(page, password):
    coordinator = UserFactory(coordinator=True)
    UserFactory(username="mila", organisation=coordinator.organisation, manager=True)
    CaseFactory(coordinator=coordinator, track="code_rood")
    login(page, "mila", password)
    page.goto("/overview/manager/")
    page.get_by_text(re.compile("Cijfers berekend op")).first.wait_for()
    assert "Code Rood: 1" in _tracks(page)

    CaseFactory(coordinator=coordinator, track="code_rood")  # registered meanwhile
    page.reload()
    assert "Code Rood: 1" in _tracks(page)  # the kept figures, a quarter at most

    page.get_by_role("button", name="Nu bijwerken").click()
    page.get_by_text("De cijfers zijn bijgewerkt.").first.wait_for()
    assert "Code Rood: 2" in _tracks(page)
    assert Case.objects.filter(track="code_rood").count() == 2
    assert "/overview/manager/?year=" in page.url
