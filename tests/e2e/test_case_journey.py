# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's journey: register a case, persons, partners, an incident, start."""

import datetime

import pytest
from django.utils import timezone

from casework.models import Case, Phase
from tests.e2e.conftest import login
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.django_db(transaction=True)
def test_coordinator_registers_a_case_and_starts_immediate_safety(page, password):
    coordinator = UserFactory(
        username="ria", first_name="Ria", last_name="Regisseur", coordinator=True
    )
    police = OrganisationFactory(name="Politie Demo", police=True)
    for name, kind in [
        ("Veilig Thuis Demo", "veilig_thuis"),
        ("Opvang Demo", "shelter"),
        ("Reclassering Demo", "probation"),
    ]:
        OrganisationFactory(name=name, kind=kind)

    login(page, "ria", password)
    page.get_by_role("link", name="Casussen", exact=True).click()
    page.get_by_role("link", name="Nieuwe casus aanmelden").click()

    # First attempt without criteria: refused in Dutch, the typed reason stays.
    page.get_by_label("Code Rood").check()
    page.get_by_label("Gemeente").select_option(label="Enschede")
    page.get_by_label("Aanmeldende organisatie").select_option(label=police.name)
    page.get_by_label("Korte reden van aanmelding").fill("Bedreiging met een mes (fictief)")
    page.get_by_role("button", name="Casus aanmelden").click()
    page.get_by_text(
        "Kies ten minste één criterium voor Code Rood."
    ).first.wait_for()  # waits for the page, then must show it
    assert (
        page.get_by_label("Korte reden van aanmelding").input_value()
        == "Bedreiging met een mes (fictief)"
    )
    page.get_by_label("Acuut gevaar").check()
    page.get_by_label("Wapens").check()
    page.get_by_role("button", name="Casus aanmelden").click()

    case = Case.objects.get()
    page.get_by_role("heading", name=f"Casus {case.reference}").wait_for()
    page.get_by_text(
        "Er is nog geen slachtoffer geregistreerd."
    ).first.wait_for()  # waits for the page, then must show it

    for first, last, born, role in [
        ("Sanne", "de Vries", "1990-05-17", "Slachtoffer"),
        ("Mark", "Bakker", "1987-09-03", "Pleger"),
    ]:
        page.get_by_role("link", name="Betrokkene toevoegen").click()
        page.get_by_label("Voornaam").fill(first)
        page.get_by_label("Achternaam").fill(last)
        page.get_by_label("Geboortedatum").fill(born)
        page.get_by_label(role, exact=True).check()
        page.get_by_role("button", name="Betrokkene opslaan").click()
        page.get_by_text(f"{first} {last}").first.wait_for()

    # Several partners in one step.
    page.get_by_role("link", name="Partners beheren").click()
    for name in ["Veilig Thuis Demo", "Opvang Demo", "Reclassering Demo"]:
        page.get_by_label(name, exact=True).check()
    # Without purpose and basis: refused, what was typed is kept.
    page.get_by_label("Toelichting").fill("Onderzoek naar de kinderen (fictief)")
    page.get_by_role("button", name="Organisaties toevoegen").click()
    page.get_by_text("Kies het doel waarvoor deze organisatie gegevens deelt.").first.wait_for()
    assert page.get_by_label("Toelichting").input_value() == "Onderzoek naar de kinderen (fictief)"
    assert page.get_by_label("Veilig Thuis Demo", exact=True).is_checked()
    page.get_by_label("Doel van de gegevensdeling").select_option(index=1)
    page.get_by_label("Grondslag").select_option("wgs")
    page.get_by_label("Toelichting").fill("Neemt deel aan het plan van aanpak (fictief)")
    page.get_by_role("button", name="Organisaties toevoegen").click()
    page.get_by_role("heading", name=f"Casus {case.reference}").wait_for()

    page.get_by_role("link", name="Incident registreren").click()
    when = (timezone.localtime() - datetime.timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Datum en tijd van het incident").fill(when)
    page.get_by_label("Wat is er gebeurd").fill("Dreigende berichten ontvangen (fictief)")
    page.get_by_role("button", name="Incident opslaan").click()
    page.get_by_text("Dreigende berichten ontvangen (fictief)").first.wait_for()

    page.get_by_role("link", name="Start directe veiligheid").click()
    page.get_by_label("Reden").fill("Besproken aan de Code Rood-tafel")
    page.get_by_role("button", name="Bevestigen").click()
    page.get_by_text("Directe veiligheid").first.wait_for()

    case.refresh_from_db()
    assert case.phase == Phase.IMMEDIATE_SAFETY
    assert case.persons.count() == 2
    assert case.memberships.filter(user__isnull=True, removed_at__isnull=True).count() == 5
    assert case.incidents.count() == 1
    assert coordinator.pk == case.coordinator_id
