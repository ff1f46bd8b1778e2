# SPDX-License-Identifier: EUPL-1.2
"""Tokens on /beheer/: a functional administrator issues one and sees it exactly once; a
second approves it; revoking stops it. SSO providers show on the login page."""

import datetime
import re

import pytest
from django.utils import timezone

from accounts.models import OIDCProvider
from api.models import ApiToken
from tests.api.conftest import api_client
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _admin(client, password):
    admin = UserFactory(functional_admin=True)
    client.login(username=admin.username, password=password)
    return admin


def test_issue_shows_the_token_once_and_a_second_admin_approves(client, password, world):
    _admin(client, password)
    expires = (timezone.localtime() + datetime.timedelta(days=60)).replace(microsecond=0)
    response = client.post(
        "/beheer/api/apitoken/add/",
        {
            "organisation": world.police.pk,
            "name": "Politiesysteem BVH (fictief)",
            "scopes": ["cases:read"],
            "expires_at_0": expires.strftime("%d-%m-%Y"),
            "expires_at_1": expires.strftime("%H:%M:%S"),
        },
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    plaintext = re.search(r"<code data-token>(cr_[^<]+)</code>", response.content.decode())[1]
    token = ApiToken.objects.get()
    assert plaintext.split("_")[2] not in token.key_hash
    # The token is never shown again: not on its (read-only) page, not in the list.
    detail = client.get(f"/beheer/api/apitoken/{token.pk}/change/").content.decode()
    assert plaintext not in detail and token.key_hash not in detail
    assert plaintext not in client.get("/beheer/api/apitoken/").content.decode()
    assert api_client(plaintext).get("/api/v1/cases").status_code == 401  # pending

    same = client.post(
        "/beheer/api/apitoken/", {"action": "approve", "_selected_action": [token.pk]}, follow=True
    )
    assert "tweede beheerder" in same.content.decode()
    client.logout()
    _admin(client, password)
    client.post("/beheer/api/apitoken/", {"action": "approve", "_selected_action": [token.pk]})
    assert api_client(plaintext).get("/api/v1/cases").status_code == 200
    client.post("/beheer/api/apitoken/", {"action": "revoke", "_selected_action": [token.pk]})
    assert api_client(plaintext).get("/api/v1/cases").status_code == 401


def test_the_login_page_offers_each_active_provider(client):
    org = OrganisationFactory(kind="police", name="Politie Oost (fictief)")
    OIDCProvider.objects.create(
        organisation=org,
        issuer="https://idp.example.invalid",
        client_id="c",
        client_secret="s",
        authorization_endpoint="https://idp.example.invalid/auth",
        token_endpoint="https://idp.example.invalid/token",
        jwks_uri="https://idp.example.invalid/jwks",
    )
    page = client.get("/accounts/login/").content.decode()
    assert "Inloggen via Politie Oost (fictief)" in page
    OIDCProvider.objects.update(is_active=False)
    assert "Inloggen via" not in client.get("/accounts/login/").content.decode()
