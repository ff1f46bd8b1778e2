# SPDX-License-Identifier: EUPL-1.2
"""Issue 13 in the browser: a functional administrator gives an account the role
coordinator on /beheer/; nothing changes until a second administrator approves it, and the
one who asked cannot approve their own request."""

import re

from playwright.sync_api import expect

from accounts.models import OrganisationKind, User
from tests.e2e.conftest import login
from tests.factories import OrganisationFactory, UserFactory


def _logout(page):
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()


def _approve(page):
    page.goto("/beheer/accounts/accessgrantrequest/")
    page.get_by_role("row", name=re.compile("Nieuw account met rol")).get_by_role(
        "checkbox"
    ).check()
    page.locator("select[name=action]").select_option(label="Goedkeuren (tweede paar ogen)")
    page.get_by_role("button", name=re.compile("Uitvoeren|Go")).click()


def test_a_new_coordinator_needs_a_second_administrator(page, password):
    zvh = OrganisationFactory(kind=OrganisationKind.ZVH, name="ZVH Twente (fictief)")
    first = UserFactory(functional_admin=True, organisation=zvh)
    second = UserFactory(functional_admin=True, organisation=zvh)

    login(page, first.username, password)
    page.goto("/beheer/accounts/user/add/")
    page.get_by_label("Gebruikersnaam").fill("nieuwe-regisseur")
    page.locator("select[name=organisation]").select_option(label="ZVH Twente (fictief)")
    page.locator("select[name=role]").select_option(value="coordinator")
    page.get_by_role("button", name=re.compile("^Opslaan$|^Save$")).first.click()
    expect(
        page.get_by_text(
            "wacht op goedkeuring door een tweede functioneel beheerder", exact=False
        ).first
    ).to_be_visible()  # noqa: E501
    assert User.objects.get(username="nieuwe-regisseur").role == ""

    _approve(page)  # the one who asked
    expect(
        page.get_by_text("beoordeelt een andere functioneel beheerder", exact=False)
    ).to_be_visible()  # noqa: E501
    assert User.objects.get(username="nieuwe-regisseur").role == ""

    _logout(page)
    login(page, second.username, password)
    _approve(page)
    page.goto("/beheer/accounts/accessgrantrequest/")
    expect(page.get_by_role("row", name=re.compile("Nieuw account met rol")).first).to_contain_text(
        re.compile("Goedgekeurd", re.I)
    )
    assert User.objects.get(username="nieuwe-regisseur").role == "coordinator"
