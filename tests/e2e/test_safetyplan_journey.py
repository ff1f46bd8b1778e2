# SPDX-License-Identifier: EUPL-1.2
"""The safety plan journey: the coordinator drafts three risk items and adopts; the police
acknowledges and marks its agreement done; the coordinator compares versions 1 and 2."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from safetyplan.models import AgreementStatus, PlanVersion
from tests.e2e.conftest import login
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


def fill_item(page, rank, title):
    page.get_by_label("Rangorde in de Top-3").fill(str(rank))
    page.get_by_label("Korte titel").fill(title)
    page.get_by_label("Wie (pleger)").fill("Mark (fictief)")
    page.get_by_label("Wat is er gebeurd").fill(f"{title}: feiten (fictief).")
    page.get_by_label("Bij wie (slachtoffer, kinderen)").fill("Sanne en de kinderen")
    page.get_by_label("Wanneer", exact=True).fill("Vorige week")
    page.get_by_label("Impact").fill("Angst")
    page.get_by_label("Gevaarsstelling").fill("Als er niets verandert, volgt nieuw geweld.")
    page.get_by_label("Veiligheidsdoel").fill("Iedereen is veilig thuis.")


@pytest.mark.django_db(transaction=True)
def test_plan_drafted_adopted_acknowledged_and_compared(page, password):
    coordinator = UserFactory(
        username="ria", first_name="Ria", last_name="Regisseur", coordinator=True
    )
    police = OrganisationFactory(name="Politie Demo", police=True)
    case = CaseFactory(coordinator=coordinator, registering_organisation=police)
    add_person(case)
    add_partner(case, name="Veilig Thuis Demo")
    UserFactory(username="piet", first_name="Piet", last_name="Politie", organisation=police)
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()

    login(page, "ria", password)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Naar het veiligheidsplan").click()
    page.get_by_role("button", name="Veiligheidsplan opstellen").click()

    for rank, title in [(1, "Dreiging met mes"), (2, "Stalking"), (3, "Kinderen getuige")]:
        page.get_by_role("link", name="Onveilige situatie toevoegen").click()
        fill_item(page, rank, title)
        page.get_by_role("button", name="Situatie opslaan").click()
        page.get_by_role("heading", name=f"{rank}{title}").wait_for()
    assert page.get_by_role("link", name="Onveilige situatie toevoegen").count() == 0
    assert page.get_by_text(
        "Situatie 1 (Dreiging met mes) heeft nog geen veiligheidsvoorwaarde."
    ).is_visible()

    for index in range(3):
        item = page.locator("article.risk-item").nth(index)
        item.get_by_role("link", name="Voorwaarde toevoegen").click()
        page.get_by_label("Veiligheidsvoorwaarde").fill("Contactverbod wordt nageleefd.")
        page.get_by_role("button", name="Voorwaarde opslaan").click()
        item = page.locator("article.risk-item").nth(index)
        item.get_by_role("link", name="Afspraak toevoegen").click()
        # first a date in the past: refused in Dutch, the text stays
        page.get_by_label("Afspraak", exact=True).fill("Wijkagent controleert het contactverbod.")
        page.get_by_label("Eigenaar (organisatie)").select_option(label="Politie Demo")
        page.get_by_label("Uiterste datum").fill("2020-01-01")
        page.get_by_role("button", name="Afspraak opslaan").click()
        if index == 0:
            page.get_by_text(
                "De uiterste datum ligt in het verleden."
            ).first.wait_for()  # waits for the page, then must show it
            assert (
                page.get_by_label("Afspraak", exact=True).input_value()
                == "Wijkagent controleert het contactverbod."
            )
        page.get_by_label("Uiterste datum").fill(due)
        page.get_by_role("button", name="Afspraak opslaan").click()
        page.get_by_role("heading", name="Deel 1: veiligheidsplan — de Top-3").wait_for()

    # Adopting shows first what will be frozen, and adopts only on confirmation.
    page.get_by_role("link", name="Versie 1 vaststellen…").click()
    page.get_by_text("Dit wordt bevroren").wait_for()
    page.get_by_text(
        "1. Dreiging met mes:", exact=False
    ).first.wait_for()  # waits for the page, then must show it
    assert not PlanVersion.objects.get(plan__case=case, number=1).is_adopted
    page.get_by_role("button", name="Ja, versie 1 definitief vaststellen").click()
    page.get_by_text("Versie 1 is vastgesteld.").wait_for()
    assert PlanVersion.objects.get(plan__case=case, number=1).is_adopted
    page.get_by_role("button", name="Uitloggen").click()

    # The police professional acknowledges and marks the agreement done.
    login(page, "piet", password)
    page.goto(f"/cases/{case.pk}/plan/")
    assert page.get_by_role("link", name="Onveilige situatie toevoegen").count() == 0
    page.get_by_role("button", name="Voor gezien tekenen namens Politie Demo").click()
    page.get_by_text("Uw organisatie heeft deze versie voor gezien getekend.").wait_for()
    page.get_by_text(
        "getekend door Piet Politie"
    ).first.wait_for()  # waits for the page, then must show it
    page.get_by_role("link", name="Status bijwerken").first.click()
    page.get_by_label("Nagekomen", exact=True).check()
    page.get_by_label("Toelichting").fill("Controle uitgevoerd, verbod nageleefd.")
    page.get_by_role("button", name="Status opslaan").click()
    page.get_by_text("De status van de afspraak is opgeslagen.").wait_for()
    page.get_by_text("Nagekomen").first.wait_for()  # waits for the page, then must show it
    assert (
        PlanVersion.objects.get(plan__case=case, number=1)
        .agreements.filter(progress__status=AgreementStatus.DONE)
        .count()
        == 1
    )
    page.get_by_role("button", name="Uitloggen").click()

    # The coordinator makes version 2 and compares it with version 1.
    login(page, "ria", password)
    page.goto(f"/cases/{case.pk}/plan/")
    page.get_by_role("button", name="Nieuwe versie bewerken").click()
    page.get_by_role("link", name="Dreiging met mes wijzigen").click()
    page.get_by_label("Veiligheidsdoel").fill("Sanne woont veilig in de opvang.")
    page.get_by_role("button", name="Wijzigingen opslaan").click()
    page.get_by_role("link", name="Versie 2 vaststellen…").click()
    page.get_by_role("button", name="Ja, versie 2 definitief vaststellen").click()
    page.get_by_text("Versie 2 is vastgesteld.").wait_for()
    page.get_by_role("link", name="Versies vergelijken").first.click()
    page.get_by_label("Oude versie").select_option("1")
    page.get_by_label("Nieuwe versie").select_option("2")
    page.get_by_role("button", name="Vergelijken").click()
    changed = page.locator('tr[data-state="changed"]')
    # The comparison is a new page: wait for it rather than count the one being left.
    page.wait_for_url(lambda url: "b=2" in url)
    expect(changed.filter(has_text="Sanne woont veilig in de opvang.")).to_have_count(1)
    expect(changed.filter(has_text="Iedereen is veilig thuis.")).to_have_count(1)
