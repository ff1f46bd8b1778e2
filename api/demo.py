# SPDX-License-Identifier: EUPL-1.2
"""Demo of issue 19 for `make run`, idempotent: the demo police has an SSO provider
(inactive until someone runs the test provider, see docs/api.md and docs/security.md) with
one pending link request, and a partner-system token waiting for a second administrator."""

import datetime

from django.utils import timezone

from accounts.models import OIDCLinkRequest, OIDCProvider, Organisation, Role, User
from accounts.oidc import link_request_record
from api.models import ApiToken, Scope
from api.services import token_issue

POLICE = "Politie Oost-Nederland (demo)"
DEMO_IDP = "http://127.0.0.1:9400"


def load() -> None:
    police = Organisation.objects.get(name=POLICE)
    admin = User.objects.get(username="beheerder")
    provider, _ = OIDCProvider.objects.get_or_create(
        organisation=police,
        defaults={
            "issuer": DEMO_IDP,
            "client_id": "casusregie",
            "client_secret": "casusregie-test-secret",
            "authorization_endpoint": f"{DEMO_IDP}/auth",
            "token_endpoint": f"{DEMO_IDP}/token",
            "jwks_uri": f"{DEMO_IDP}/jwks",
            "userinfo_endpoint": f"{DEMO_IDP}/me",
            "end_session_endpoint": f"{DEMO_IDP}/session/end",
            "role_claim": "casusregie_role",
            "role_mapping": {"partner": Role.PARTNER},
            "second_factor_amr": ["otp"],
            "is_active": False,
        },
    )
    if not OIDCLinkRequest.objects.filter(provider=provider).exists():
        link_request_record(
            provider=provider,
            claims={"iss": DEMO_IDP, "sub": "demo-agent-17", "name": "Demo Agent (fictief)"},
        )
    if not ApiToken.objects.filter(organisation=police).exists():
        token_issue(
            actor=admin,
            organisation=police,
            name="Politiesysteem (demo)",
            scopes=[Scope.CASES_READ, Scope.INCIDENTS_WRITE],
            expires_at=timezone.now() + datetime.timedelta(days=90),
        )
