# SPDX-License-Identifier: EUPL-1.2
import pytest

from tests.e2e.conftest import login
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_coordinator_logs_in_through_the_real_login_page_and_sees_home(page, password):
    user = UserFactory(username="ria", first_name="Ria", last_name="Regisseur", coordinator=True)
    login(page, "ria", "verkeerd-wachtwoord")
    page.get_by_text(
        "Voer een juiste gebruikersnaam en wachtwoord in"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_label("Gebruikersnaam").input_value() == "ria"
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.get_by_role("heading", name="Welkom, Ria Regisseur").wait_for()
    page.get_by_text(
        user.organisation.name
    ).first.wait_for()  # waits for the page, then must show it
