# SPDX-License-Identifier: EUPL-1.2
"""A coordinator with many overdue dates pages through them on their overview, the oldest
first, and every one is reachable (issue 14: the overview rendered all 831 of a large
region at once, the escalation queue cut its list at 200 without a word)."""

import datetime

import pytest
from django.utils import timezone

from deadlines.models import Deadline
from overviews import selectors
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, overdue_agreements


@pytest.mark.django_db(transaction=True)
def test_the_coordinator_pages_through_the_overdue_dates(page, password, monkeypatch):
    monkeypatch.setattr(selectors, "OVERVIEW_PAGE", 2)
    coordinator = UserFactory(username="noor", coordinator=True)
    for days in (3, 1, 2):
        case = CaseFactory(coordinator=coordinator)
        Deadline.objects.create(
            case=case,
            kind="agreement",
            source_type="test.item",
            source_id=days,
            title=f"Afspraak {days} dagen verlopen",
            owner_organisation=case.registering_organisation,
            due_date=timezone.localdate() - datetime.timedelta(days=days),
        )
    login(page, "noor", password)
    page.goto("/overview/coordinator/")
    overdue = page.get_by_role("heading", name="Verlopen").locator("..")
    assert "Afspraak 3 dagen verlopen" in overdue.inner_text()
    assert "Afspraak 1 dagen verlopen" not in overdue.inner_text()
    pager = page.get_by_role("navigation", name="Pagina's van de verlopen termijnen")
    assert "Pagina 1, 2 per pagina, de dringendste eerst" in pager.inner_text()
    pager.get_by_role("link", name="Volgende").click()
    page.wait_for_url("**verlopen=2")
    overdue = page.get_by_role("heading", name="Verlopen").locator("..")
    assert "Afspraak 1 dagen verlopen" in overdue.inner_text()
    assert "Afspraak 3 dagen verlopen" not in overdue.inner_text()
    page.get_by_role("navigation", name="Pagina's van de verlopen termijnen").get_by_role(
        "link", name="Vorige"
    ).click()
    page.wait_for_url("**verlopen=1")
    assert (
        "Afspraak 3 dagen verlopen"
        in page.get_by_role("heading", name="Verlopen").locator("..").inner_text()
    )


@pytest.mark.django_db(transaction=True)
def test_the_manager_reaches_every_escalation_a_page_at_a_time(page, password, monkeypatch):
    from accounts.models import OrganisationKind
    from deadlines import views
    from deadlines.services.escalations import escalations_raise
    from deadlines.services.sync import deadline_sync
    from tests.factories.cases import add_partner, add_person

    monkeypatch.setattr(views, "QUEUE_PAGE", 2)
    case = CaseFactory()
    veilig_thuis = add_partner(case, OrganisationKind.VEILIG_THUIS)
    for days in (9, 8, 7):
        deadline_sync(
            case=case,
            kind="agreement",
            source=add_person(case, first_name=f"Persoon{days}"),
            title=f"Gesprek {days} dagen over tijd",
            owner_organisation=veilig_thuis,
            due_date=timezone.localdate() - datetime.timedelta(days=days),
        )
    escalations_raise(now=timezone.now())
    UserFactory(username="mila", manager=True, organisation=case.coordinator.organisation)
    login(page, "mila", password)
    page.get_by_role("navigation").get_by_role("link", name="Escalaties 3").click()
    page.get_by_text("Pagina 1, 2 per pagina, de dringendste eerst").wait_for()
    assert page.get_by_role("row").filter(has_text="over tijd").count() == 2
    page.get_by_role("link", name="Volgende").click()
    page.wait_for_url("**page=2")
    assert page.get_by_role("row").filter(has_text="over tijd").count() == 1
    page.get_by_role("link", name="Vorige").click()
    page.wait_for_url("**page=1")
    assert page.get_by_role("row").filter(has_text="over tijd").count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_manager_sees_99_plus_waiting_and_opens_the_queue(page, password):
    """Beyond 99 open escalations the navigation says "99+" (counting each one probed its
    case on every page, issue 14); the link still opens the whole queue."""
    from deadlines.services.escalations import escalations_raise

    case = CaseFactory()
    overdue_agreements(case, case.registering_organisation, range(1, 101), days=9)
    escalations_raise(now=timezone.now())
    UserFactory(username="mila", manager=True, organisation=case.coordinator.organisation)
    login(page, "mila", password)
    link = page.get_by_role("navigation").get_by_role("link", name="Escalaties 99+")
    link.click()
    page.get_by_text("Pagina 1,").first.wait_for()
    assert page.get_by_role("row").filter(has_text="Afspraak").count() > 0
    assert page.get_by_role("link", name="Volgende").count() == 1
