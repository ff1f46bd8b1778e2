# SPDX-License-Identifier: EUPL-1.2
"""The functional administrators' side of issue 19 in the browser: one proposes an account
for a pending SSO link request and a second approves it; one issues a partner-system token
(shown once) and a second approves it before it works."""

import datetime
import re

from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import OIDCIdentity, OIDCLinkRequest, OIDCProvider
from api.models import ApiToken
from tests.e2e.conftest import login
from tests.factories import OrganisationFactory, UserFactory


def _logout(page):
    page.goto("/")
    page.get_by_role("button", name="Uitloggen").click()


def _run_action(page, changelist: str, label: str, action_label: str):
    page.goto(changelist)
    page.get_by_role("row", name=re.compile(label)).get_by_role("checkbox").check()
    page.locator("select[name=action]").select_option(label=action_label)
    page.get_by_role("button", name=re.compile("Uitvoeren|Go")).click()


def test_two_administrators_link_an_sso_account_and_approve_a_token(page, password):
    police = OrganisationFactory(kind="police", name="Politie Twente (fictief)")
    provider = OIDCProvider.objects.create(
        organisation=police,
        issuer="https://idp.politie.example.invalid",
        client_id="casusregie",
        client_secret="geheim",
        authorization_endpoint="https://idp.politie.example.invalid/auth",
        token_endpoint="https://idp.politie.example.invalid/token",
        jwks_uri="https://idp.politie.example.invalid/jwks",
    )
    OIDCLinkRequest.objects.create(
        provider=provider, issuer=provider.issuer, subject="a1b2", display_name="Agent Fictief"
    )
    first = UserFactory(functional_admin=True)
    second = UserFactory(functional_admin=True)

    login(page, first.username, password)
    _run_action(
        page,
        "/beheer/accounts/oidclinkrequest/",
        "Agent Fictief",
        "Nieuw account voorstellen als Partnerprofessional",
    )
    expect(page.get_by_text("een tweede beheerder moet goedkeuren")).to_be_visible()
    _run_action(
        page,
        "/beheer/accounts/oidclinkrequest/",
        "Agent Fictief",
        "Koppeling goedkeuren (tweede beheerder)",
    )
    expect(page.get_by_text("niet degene die het voorstelde")).to_be_visible()
    assert not OIDCIdentity.objects.exists()

    # The first administrator issues a token for the police's system: shown once.
    page.goto("/beheer/api/apitoken/add/")
    page.locator("select[name=organisation]").select_option(label=police.name)
    page.locator("input[name=name]").fill("Politiesysteem (fictief)")
    page.get_by_label("Casussen, afspraken, termijnen en plannen lezen").check()
    expires = timezone.localtime() + datetime.timedelta(days=30)
    page.locator("input[name=expires_at_0]").fill(expires.strftime("%d-%m-%Y"))
    page.locator("input[name=expires_at_1]").fill("12:00:00")
    page.locator("input[type=submit][name=_save]").click()
    expect(page.get_by_role("heading", name="Het API-token is aangemaakt")).to_be_visible()
    plaintext = page.locator("[data-token]").inner_text().strip()
    assert plaintext.startswith("cr_")
    _logout(page)

    login(page, second.username, password)
    _run_action(
        page,
        "/beheer/accounts/oidclinkrequest/",
        "Agent Fictief",
        "Koppeling goedkeuren (tweede beheerder)",
    )
    expect(page.get_by_text("kan nu inloggen via de organisatie")).to_be_visible()
    identity = OIDCIdentity.objects.get()
    assert identity.user.organisation == police and identity.subject == "a1b2"

    api = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    assert api.get("/api/v1/cases").status_code == 401  # not yet approved
    _run_action(page, "/beheer/api/apitoken/", "Politiesysteem", "Goedkeuren (tweede beheerder)")
    expect(page.get_by_text("Token goedgekeurd.")).to_be_visible()
    assert api.get("/api/v1/cases").status_code == 200
    assert ApiToken.objects.get().approved_by == second
