# SPDX-License-Identifier: EUPL-1.2
"""SSO rules without the browser: iss + sub (never e-mail), pending link requests with
four-eyes, the organisation from the provider, roles the organisation kind allows, and
acr/amr deciding whether the provider's login is the second factor."""

import pytest
from django.core.exceptions import SuspiciousOperation, ValidationError

from accounts.models import OIDCIdentity, OIDCLinkRequest, OIDCProvider, Role
from accounts.oidc import (
    link_request_decide,
    link_request_propose,
    oidc_resolve,
    role_from_claims,
    second_factor_by_provider,
)
from audit.models import Action, AuditEntry
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
ISSUER = "https://login.politie.example.invalid"


@pytest.fixture
def provider():
    return OIDCProvider.objects.create(
        organisation=OrganisationFactory(kind="police"),
        issuer=ISSUER,
        client_id="casusregie",
        client_secret="geheim",
        authorization_endpoint=f"{ISSUER}/auth",
        token_endpoint=f"{ISSUER}/token",
        jwks_uri=f"{ISSUER}/jwks",
        role_claim="groups",
        role_mapping={"cr-partner": Role.PARTNER, "cr-beheer": Role.FUNCTIONAL_ADMIN},
        second_factor_acr=["urn:politie:loa:substantial"],
        second_factor_amr=["otp", "hwk"],
    )


def admins():
    return [UserFactory(organisation=None, role="", is_superuser=True) for _ in range(2)]


def test_a_role_the_organisation_kind_does_not_allow_never_comes_from_a_claim(provider):
    assert role_from_claims(provider, {"groups": ["cr-partner"]}) == Role.PARTNER
    assert role_from_claims(provider, {"groups": ["cr-beheer"]}) == ""  # police: no admin
    assert role_from_claims(provider, {"groups": "onbekend"}) == ""


def test_acr_or_amr_decide_whether_the_provider_counts_as_second_factor(provider):
    assert second_factor_by_provider(provider, {"acr": "urn:politie:loa:substantial"})
    assert second_factor_by_provider(provider, {"amr": ["pwd", "otp"]})
    assert not second_factor_by_provider(provider, {"acr": "urn:politie:loa:low", "amr": ["pwd"]})
    assert not second_factor_by_provider(provider, {})


def test_a_token_of_another_issuer_is_refused_and_logged(provider):
    with pytest.raises(SuspiciousOperation):
        oidc_resolve(provider=provider, claims={"iss": "https://evil.invalid", "sub": "1"})
    assert AuditEntry.objects.filter(
        action=Action.FAILED_LOGIN, purpose="OIDC: verkeerde issuer"
    ).exists()
    assert not OIDCLinkRequest.objects.exists()


def test_an_unknown_sub_gets_no_access_but_one_pending_request(provider):
    same_email = UserFactory(organisation=provider.organisation, email="a.agent@politie.invalid")
    claims = {"iss": ISSUER, "sub": "8f2c", "email": same_email.email, "name": "A. Agent"}
    assert oidc_resolve(provider=provider, claims=claims) is None  # never matched on e-mail
    assert oidc_resolve(provider=provider, claims=claims) is None
    request = OIDCLinkRequest.objects.get()
    assert (request.subject, request.status, request.display_name) == (
        "8f2c",
        "pending",
        "A. Agent",
    )


def test_four_eyes_link_with_the_organisation_of_the_provider(provider):
    claims = {"iss": ISSUER, "sub": "8f2c", "name": "A. Agent", "organisation": "ZVH Twente"}
    oidc_resolve(provider=provider, claims=claims)
    request = OIDCLinkRequest.objects.get()
    first, second = admins()
    with pytest.raises(ValidationError):
        link_request_propose(actor=first, link_request=request, role=Role.COORDINATOR)
    link_request_propose(actor=first, link_request=request, role=Role.PARTNER)
    with pytest.raises(ValidationError):
        link_request_decide(actor=first, link_request=request, approve=True)
    assert oidc_resolve(provider=provider, claims=claims) is None
    link_request_decide(actor=second, link_request=request, approve=True)

    user = oidc_resolve(provider=provider, claims=claims)
    assert user is not None
    assert user.organisation == provider.organisation  # never from the claim
    assert user.role == Role.PARTNER and not user.has_usable_password()
    assert OIDCIdentity.objects.get().subject == "8f2c"
    assert AuditEntry.objects.filter(purpose="OIDC: koppeling goedgekeurd").exists()


def test_a_refused_or_deactivated_account_does_not_log_in(provider):
    claims = {"iss": ISSUER, "sub": "x1"}
    oidc_resolve(provider=provider, claims=claims)
    first, second = admins()
    request = OIDCLinkRequest.objects.get()
    link_request_propose(actor=first, link_request=request, role=Role.PARTNER)
    link_request_decide(actor=second, link_request=request, approve=False)
    assert oidc_resolve(provider=provider, claims=claims) is None
    assert OIDCLinkRequest.objects.filter(status="pending").count() == 1  # asks again

    existing = UserFactory(organisation=provider.organisation, partner=True, is_active=False)
    OIDCIdentity.objects.create(provider=provider, issuer=ISSUER, subject="x2", user=existing)
    assert oidc_resolve(provider=provider, claims={"iss": ISSUER, "sub": "x2"}) is None
