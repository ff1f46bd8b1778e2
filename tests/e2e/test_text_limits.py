# SPDX-License-Identifier: EUPL-1.2
"""A long text pasted into a limited field is not cut: the counter says how much is too
much (and screen readers hear it), the server refuses in Dutch, and the whole text stays."""

import pytest

from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory


@pytest.mark.django_db(transaction=True)
def test_a_pasted_text_over_the_limit_is_counted_refused_and_kept(page, password):
    coordinator = UserFactory(username="ria", coordinator=True)
    case = CaseFactory(coordinator=coordinator)
    login(page, "ria", password)
    page.goto(f"/cases/{case.pk}/incidents/new/")
    field = page.get_by_label("Wat is er gebeurd")
    counter = page.locator("#id_description_counter")
    assert counter.get_attribute("aria-live") == "polite"
    assert counter.inner_text() == "Maximaal 5000 tekens."
    text = "x" * 6000
    field.fill(text)  # like a paste: one input event with the whole text
    page.get_by_text("1000 tekens te veel: er passen er maximaal 5000 in.").wait_for()
    assert len(field.input_value()) == 6000  # not cut at maxlength
    page.get_by_label("Datum en tijd van het incident").fill("2026-03-10T05:32")
    page.get_by_role("button", name="Incident opslaan").click()
    page.get_by_text("Deze tekst telt 6000 tekens; er passen er maximaal 5000 in.").first.wait_for()
    assert len(page.get_by_label("Wat is er gebeurd").input_value()) == 6000
    assert not case.incidents.exists()
