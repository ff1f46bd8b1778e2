# SPDX-License-Identifier: EUPL-1.2
"""Restriction in the browser: the contact point restricts a person (a reason is needed),
the coordinator can still read but not change them, the contact point lifts it, and the
change goes through."""

import pytest
from django.utils import timezone

from privacy.models import Restriction
from privacy.services import request_register
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person


@pytest.mark.django_db(transaction=True)
def test_a_restriction_stops_changes_until_it_is_lifted(page, password):
    case = CaseFactory()
    person = add_person(case)
    lars = UserFactory(username="lars", log_manager=True)
    request = request_register(
        actor=lars, kind="restriction", persons=[person], received_on=timezone.localdate()
    )

    login(page, "lars", password)
    page.goto(f"/privacy/verzoeken/{request.pk}/")
    page.get_by_role("button", name="Verwerking beperken").click()
    page.locator("[data-error-summary]").wait_for()  # no reason: refused on the page
    assert not Restriction.objects.exists()
    page.locator(f"[name=restrict-{person.pk}-reason]").fill(
        "Juistheid van het adres betwist (fictief)"
    )
    page.get_by_role("button", name="Verwerking beperken").click()
    page.get_by_role("button", name="Beperking opheffen").wait_for()
    page.get_by_text("Juistheid van het adres betwist (fictief)").first.wait_for()

    page.context.clear_cookies()
    login(page, case.coordinator.username, password)
    page.goto(f"/cases/{case.pk}/persons/{person.pk}/")
    page.get_by_label("Achternaam").fill("Anders")
    page.get_by_role("button", name="Betrokkene opslaan").click()
    page.get_by_text("is beperkt (AVG art. 18)", exact=False).first.wait_for()
    assert page.get_by_label("Achternaam").input_value() == "Anders"  # what was typed stays
    person.refresh_from_db()
    assert person.last_name == "de Vries"

    page.context.clear_cookies()
    login(page, "lars", password)
    page.goto(f"/privacy/verzoeken/{request.pk}/")
    page.locator(f"[name=lift-{Restriction.objects.get().pk}-reason]").fill(
        "Adres juist bevonden (fictief)"
    )
    page.get_by_role("button", name="Beperking opheffen").click()
    page.get_by_role("button", name="Verwerking beperken").wait_for()
    assert Restriction.objects.get().lifted_by == lars

    page.context.clear_cookies()
    login(page, case.coordinator.username, password)
    page.goto(f"/cases/{case.pk}/persons/{person.pk}/")
    page.get_by_label("Achternaam").fill("Anders")
    page.get_by_role("button", name="Betrokkene opslaan").click()
    page.get_by_text("Betrokkene gewijzigd.").wait_for()
    person.refresh_from_db()
    assert person.last_name == "Anders"
