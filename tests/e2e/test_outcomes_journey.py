# SPDX-License-Identifier: EUPL-1.2
"""The coordinator records the victim's own rating at the start (after a refused 11) and at
closing; the manager sees the change on the dashboard."""

import pytest

from accounts.models import OrganisationKind
from casework.services.phases import case_transition, closure_decide, closure_request
from outcomes.models import VictimRating
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


def _rate(page, case, moment_label, score):
    page.goto(f"/cases/{case.pk}/")
    section = page.get_by_role("region", name="Veiligheidsbeleving van het slachtoffer")
    section.get_by_role("link", name=f"Beleving vastleggen: {moment_label}").click()
    page.get_by_label("Hoe veilig voelt het slachtoffer zich (0–10)").fill(score)
    page.get_by_label("Gevraagd door").fill("Olga Opvang (Vrouwenopvang)")
    page.get_by_role("button", name="Vastleggen").click()


@pytest.mark.django_db(transaction=True)
def test_the_victims_own_rating_from_start_to_closing(page, password):
    coordinator = UserFactory(coordinator=True, username="ria")
    case = CaseFactory(coordinator=coordinator)
    add_person(case)
    add_partner(case, OrganisationKind.VEILIG_THUIS)
    case = case_transition(case=case, name="start", actor=coordinator, reason="Code Rood-tafel")
    manager = UserFactory(username="mila", organisation=coordinator.organisation, manager=True)

    login(page, "ria", password)
    _rate(page, case, "Bij de start (directe veiligheid)", "11")
    page.get_by_text(
        "Vul een cijfer van 0 tot en met 10 in."
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_label("Gevraagd door").input_value() == "Olga Opvang (Vrouwenopvang)"
    page.get_by_label("Hoe veilig voelt het slachtoffer zich (0–10)").fill("4")
    page.get_by_role("button", name="Vastleggen").click()
    section = page.get_by_role("region", name="Veiligheidsbeleving van het slachtoffer")
    assert "4/10" in section.inner_text()
    assert section.get_by_role("link", name="Beleving vastleggen: Bij afsluiten").count() == 0

    closure_request(actor=coordinator, case=case, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    _rate(page, case, "Bij afsluiten", "8")
    assert (
        "8/10"
        in page.get_by_role("region", name="Veiligheidsbeleving van het slachtoffer").inner_text()
    )
    assert VictimRating.objects.count() == 2

    page.context.clear_cookies()
    login(page, "mila", password)
    page.goto("/overview/manager/")
    outcomes = page.get_by_role("region", name="Uitkomsten per jaar van afsluiten")
    text = outcomes.inner_text()
    assert "4,0 → 8,0" in text and "+4,0" in text
    assert "(100 %)" in text  # closed with the goals reached
