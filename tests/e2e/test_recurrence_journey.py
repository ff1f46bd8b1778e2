# SPDX-License-Identifier: EUPL-1.2
"""Back within 12 months (issue 20): the victim of a closed case turns up in a new case;
only once the coordinator confirms "Already known?" does the manager's dashboard count the
closed case as back — a namesake with the same birthday is not enough."""

import datetime

import pytest

from accounts.models import OrganisationKind
from casework.models import PersonLink
from casework.services.phases import case_transition, closure_decide, closure_request
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


def _add_eva(page, case):
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Betrokkene toevoegen").click()
    page.get_by_label("Voornaam").fill("Eva")
    page.get_by_label("Achternaam").fill("Smit")
    page.get_by_label("Geboortedatum").fill("1979-04-08")
    page.get_by_label("Slachtoffer", exact=True).check()
    page.get_by_role("button", name="Betrokkene opslaan").click()


def _back_on_dashboard(page) -> str:
    """The "Terug binnen 12 maanden" cell of this year's row (the fifth column)."""
    page.goto("/overview/manager/")
    row = page.locator(".outcomes-years tbody tr").first
    row.wait_for()
    return row.locator("td").nth(4).inner_text()


@pytest.mark.django_db(transaction=True)
def test_a_confirmed_repeat_counts_as_back_within_12_months(page, password):
    coordinator = UserFactory(coordinator=True, username="ria")
    manager = UserFactory(username="mila", organisation=coordinator.organisation, manager=True)
    closed = CaseFactory(coordinator=coordinator)
    add_person(closed, first_name="Eva", last_name="Smit", date_of_birth=datetime.date(1979, 4, 8))
    add_partner(closed, OrganisationKind.VEILIG_THUIS)
    case_transition(case=closed, name="start", actor=coordinator, reason="Code Rood-tafel")
    closure_request(actor=coordinator, case=closed, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=closed, approve=True, reason="Akkoord")
    again = CaseFactory(coordinator=coordinator)

    login(page, "ria", password)
    _add_eva(page, again)
    # Already known: the other case's reference, nothing saved yet; the coordinator confirms.
    page.get_by_text(closed.reference).first.wait_for()
    page.get_by_label("Dit is dezelfde persoon: leg de koppeling met de andere casus vast").check()
    page.get_by_role("button", name="Betrokkene opslaan").click()
    page.get_by_text("Eva Smit").first.wait_for()
    assert PersonLink.objects.filter(person__case=again, known_person__case=closed).count() == 1

    page.context.clear_cookies()
    login(page, "mila", password)
    assert _back_on_dashboard(page).startswith("1 (100 %)")  # the year's one closing

    # A namesake with the same birthday whom nobody confirmed does not count: the kept
    # figures (a quarter at most, docs/decisions.md §25) until "Nu bijwerken".
    PersonLink.objects.all().delete()
    assert _back_on_dashboard(page).startswith("1 (100 %)")
    page.get_by_role("button", name="Nu bijwerken").click()
    page.get_by_text("De cijfers zijn bijgewerkt.").first.wait_for()
    row = page.locator(".outcomes-years tbody tr").first
    assert row.locator("td").nth(4).inner_text().startswith("0 (0 %)")
