# SPDX-License-Identifier: EUPL-1.2
"""The coordinator sees the missed time limits on the case page and records why (after a
refused empty reason); the manager sees the share met and the reason in the report."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import Case
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory
from timeliness.models import TargetMiss
from timeliness.services import targets_scan


@pytest.mark.django_db(transaction=True)
def test_a_missed_target_is_explained_and_reported(page, password):
    coordinator = UserFactory(coordinator=True, username="ria")
    case = CaseFactory(coordinator=coordinator)
    now = timezone.now()
    Case.objects.filter(pk=case.pk).update(registered_at=now - timedelta(days=20))
    targets_scan(now=now)
    UserFactory(username="mila", organisation=coordinator.organisation, manager=True)

    login(page, "ria", password)
    page.goto(f"/cases/{case.pk}/")
    section = page.get_by_role("region", name="Streeftermijnen", exact=True)
    row = section.locator('tr[data-target="urgent_discussed"]')
    assert "Gemist" in row.inner_text()
    row.get_by_role("button", name="Reden vastleggen").click()
    page.get_by_text("Schrijf op waarom de streeftermijn niet is gehaald.").first.wait_for()
    page.get_by_label("Reden").fill("Aangemeld op vrijdagavond; overleg op maandag.")
    page.get_by_role("button", name="Reden vastleggen").click()
    page.get_by_role("region", name="Streeftermijnen", exact=True).wait_for()
    row = page.get_by_role("region", name="Streeftermijnen", exact=True).locator(
        'tr[data-target="urgent_discussed"]'
    )
    assert "Aangemeld op vrijdagavond; overleg op maandag." in row.inner_text()
    assert TargetMiss.objects.exclude(reason="").count() == 1

    page.context.clear_cookies()
    login(page, "mila", password)
    page.goto("/overview/manager/")
    shares = page.get_by_role("region", name="Streeftermijnen gehaald in")
    assert "0%" in shares.locator('tr[data-target="plan_adopted"]').inner_text()
    shares.get_by_role("link", name="Gemiste streeftermijnen en hun redenen").click()
    page.get_by_role("heading", name="Tijdigheid: gemiste streeftermijnen").wait_for()
    report = page.locator("table.target-misses").inner_text()
    assert case.reference in report
    assert "Aangemeld op vrijdagavond; overleg op maandag." in report
    assert "Nog geen reden" in report
