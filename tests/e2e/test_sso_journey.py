# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on against a real OpenID Connect provider (npm oidc-provider, started by
the test), through the browser: an unknown sub lands as a pending link request; after
four-eyes approval it logs in, still meets the TOTP step (no acr/amr), and logging out
ends the session here and at the provider. A wrong issuer and a tampered ID token are
refused. A provider login whose amr is listed replaces the TOTP step. Every step is in
the access log."""

import pytest
from playwright.sync_api import expect

from accounts.models import OIDCIdentity, OIDCLinkRequest, OIDCProvider, Role
from accounts.oidc import link_request_decide, link_request_propose
from audit.models import Action, AuditEntry
from tests.conftest import _unavailable
from tests.factories import OrganisationFactory, UserFactory
from tests.oidc import provider as oidc_provider


@pytest.fixture
def idp(live_server):
    reason = oidc_provider.available()
    if reason:
        _unavailable(reason)
    running = oidc_provider.start(
        redirect_uri=f"{live_server.url}/accounts/oidc/callback/",
        post_logout_uri=f"{live_server.url}/accounts/login/",
    )
    yield running
    running.stop()


def _configure(organisation, idp, **overrides):
    d = idp.discovery
    fields = {
        "organisation": organisation,
        "issuer": d["issuer"],
        "client_id": "casusregie",
        "client_secret": "casusregie-test-secret",
        "authorization_endpoint": d["authorization_endpoint"],
        "token_endpoint": d["token_endpoint"],
        "jwks_uri": d["jwks_uri"],
        "userinfo_endpoint": d["userinfo_endpoint"],
        "end_session_endpoint": d["end_session_endpoint"],
        "role_claim": "casusregie_role",
        "role_mapping": {"partner": Role.PARTNER, "admin": Role.FUNCTIONAL_ADMIN},
    }
    fields.update(overrides)
    return OIDCProvider.objects.create(**fields)


def _sign_in_at_provider(page, organisation_name: str, login: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_role("link", name=f"Inloggen via {organisation_name}").click()
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("irrelevant")
    page.locator("button[type=submit]").click()
    consent = page.locator("button[type=submit]", has_text="Continue")
    if consent.count():
        consent.click()


def _continue_if_asked(page) -> None:
    consent = page.locator("button[type=submit]", has_text="Continue")
    if consent.count():
        consent.click()


def test_unknown_sub_waits_for_four_eyes_then_logs_in_and_out(page, idp, settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = False
    police = OrganisationFactory(kind="police", name="Politie Oost-Nederland (fictief)")
    _configure(police, idp)

    _sign_in_at_provider(page, police.name, "agent-7")
    expect(page.get_by_role("alert")).to_contain_text("nog niet gekoppeld")
    assert "/accounts/login/" in page.url
    link = OIDCLinkRequest.objects.get(subject="agent-7")
    assert link.status == "pending" and link.claimed_role == Role.PARTNER
    assert not OIDCIdentity.objects.exists()
    assert AuditEntry.objects.filter(purpose="OIDC: onbekend account, koppelverzoek").exists()

    first, second = (UserFactory(organisation=None, role="", is_superuser=True) for _ in range(2))
    link_request_propose(actor=first, link_request=link, role=Role.PARTNER)
    link_request_decide(actor=second, link_request=link, approve=True)

    page.goto("/accounts/login/")
    page.get_by_role("link", name=f"Inloggen via {police.name}").click()
    _continue_if_asked(page)
    # Logged in as the linked account of the police; no acr/amr, so TOTP still applies.
    page.wait_for_url("**/accounts/2fa/instellen/**")
    login_entry = AuditEntry.objects.filter(action=Action.LOGIN, purpose="OIDC").get()
    assert login_entry.organisation == police.name and login_entry.role == Role.PARTNER

    page.get_by_role("button", name="Uitloggen").click()
    expect(page.get_by_role("heading", name="U bent uitgelogd bij Casusregie")).to_be_visible()
    other_tab = page.context.new_page()
    other_tab.goto("/")
    assert "/accounts/login/" in other_tab.url  # the Casusregie session has ended
    other_tab.close()
    # RP-initiated logout: the provider asks to confirm ending its own session.
    page.get_by_role("button", name=f"Ook uitloggen bij {police.name}").click()
    page.wait_for_url(f"{idp.issuer}/**")
    page.locator("button[autofocus], button[type=submit]").first.click()
    page.wait_for_url("**/accounts/login/**")
    # The provider's session is gone too: signing in again asks for the login name.
    page.get_by_role("link", name=f"Inloggen via {police.name}").click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_a_wrong_issuer_and_a_tampered_token_are_refused(page, idp):
    police = OrganisationFactory(kind="police", name="Politie (fictief, verkeerde issuer)")
    wrong = _configure(police, idp, issuer=f"{idp.issuer}/iemand-anders")
    _sign_in_at_provider(page, police.name, "agent-8")
    expect(page.get_by_role("alert")).to_contain_text("mislukt")
    assert AuditEntry.objects.filter(purpose="OIDC: verkeerde issuer").exists()
    assert not OIDCLinkRequest.objects.filter(subject="agent-8").exists()
    OIDCProvider.objects.filter(pk=wrong.pk).update(is_active=False)
    page.context.clear_cookies()  # a fresh sign-in at the provider

    vt = OrganisationFactory(kind="veilig_thuis", name="Veilig Thuis (fictief)")
    tampering = _configure(vt, idp, token_endpoint=f"{idp.issuer}/tampered/token")
    linked = UserFactory(organisation=vt, partner=True)
    OIDCIdentity.objects.create(
        provider=tampering, issuer=idp.issuer, subject="someone-else", user=linked
    )
    _sign_in_at_provider(page, vt.name, "agent-9")
    expect(page.get_by_role("alert")).to_contain_text("mislukt")
    assert AuditEntry.objects.filter(purpose="OIDC: token geweigerd").exists()
    assert not AuditEntry.objects.filter(action=Action.LOGIN, user_id=linked.pk).exists()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_a_provider_login_with_a_listed_amr_replaces_the_totp_step(page, idp, settings):
    settings.CASUSREGIE_2FA_DEV_BYPASS = False
    vt = OrganisationFactory(kind="veilig_thuis", name="Veilig Thuis Twente (fictief)")
    provider = _configure(vt, idp, second_factor_amr=["otp"])
    first, second = (UserFactory(organisation=None, role="", is_superuser=True) for _ in range(2))

    _sign_in_at_provider(page, vt.name, "mfa-worker")
    link = OIDCLinkRequest.objects.get(subject="mfa-worker", provider=provider)
    link_request_propose(actor=first, link_request=link, role=Role.PARTNER)
    link_request_decide(actor=second, link_request=link, approve=True)
    page.get_by_role("link", name=f"Inloggen via {vt.name}").click()
    _continue_if_asked(page)
    # The provider reported amr "otp": no TOTP enrolment, straight to the home page.
    expect(page.get_by_role("heading", name="Welkom, Fictieve mfa-worker")).to_be_visible()
    assert "/2fa/" not in page.url
    assert AuditEntry.objects.filter(action=Action.LOGIN, purpose="OIDC").count() == 1
