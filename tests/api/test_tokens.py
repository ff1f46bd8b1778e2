# SPDX-License-Identifier: EUPL-1.2
"""Tokens: shown once and stored hashed, four-eyes before they work, scopes, expiry,
revocation, problem+json in Dutch and English, pagination links, rate limits."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from api.models import ApiToken
from api.services import token_approve, token_issue, token_revoke
from audit.models import Action, AuditEntry
from tests.api.conftest import api_client, issue
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_secret_is_not_stored_and_a_pending_token_is_refused(world):
    plaintext, token = issue(world.police, approve=False)
    assert plaintext.split("_", 2)[2] not in token.key_hash  # the secret may hold "_"
    response = api_client(plaintext).get("/api/v1/cases")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"].startswith("Dit token is onbekend")
    assert AuditEntry.objects.filter(
        action=Action.FAILED_LOGIN, purpose="API-token geweigerd"
    ).exists()


def test_the_creator_cannot_approve_their_own_token(world):
    admin = UserFactory(organisation=None, role="", is_superuser=True)
    issued = token_issue(
        actor=admin,
        organisation=world.police,
        name="Politiesysteem",
        scopes=["cases:read"],
        expires_at=timezone.now() + datetime.timedelta(days=30),
    )
    with pytest.raises(ValidationError):
        token_approve(actor=admin, token=issued.token)
    assert ApiToken.objects.get(pk=issued.token.pk).approved_at is None


def test_revoked_and_expired_tokens_are_refused_at_once(world):
    plaintext, token = issue(world.police)
    client = api_client(plaintext)
    assert client.get("/api/v1/cases").status_code == 200
    token_revoke(actor=UserFactory(organisation=None, role="", is_superuser=True), token=token)
    assert client.get("/api/v1/cases").status_code == 401
    plaintext2, token2 = issue(world.police)
    ApiToken.objects.filter(pk=token2.pk).update(expires_at=timezone.now())
    assert api_client(plaintext2).get("/api/v1/cases").status_code == 401


def test_a_wrong_secret_with_a_real_prefix_is_refused(world):
    plaintext, _ = issue(world.police)
    tampered = plaintext[:-2] + ("AA" if not plaintext.endswith("AA") else "BB")
    assert api_client(tampered).get("/api/v1/cases").status_code == 401


def test_a_scope_the_token_lacks_is_refused_with_403(world):
    plaintext, _ = issue(world.police, scopes=["cases:read"])
    response = api_client(plaintext).post(
        f"/api/v1/cases/{world.case.pk}/incidents",
        data={"occurredAt": timezone.now().isoformat(), "description": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["title"] == "Uw organisatie mag dit niet doen."


def test_service_refusals_come_back_as_problems_in_dutch_and_english(world):
    plaintext, _ = issue(world.police)
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    body = {"occurredAt": future, "description": "Melding (fictief)."}
    path = f"/api/v1/cases/{world.case.pk}/incidents"
    dutch = api_client(plaintext).post(path, data=body, content_type="application/json")
    assert dutch.status_code == 400
    assert dutch.json()["invalidParams"] == [
        {"name": "occurred_at", "reason": "Het incident kan niet in de toekomst liggen."}
    ]
    english = api_client(plaintext, HTTP_ACCEPT_LANGUAGE="en").post(
        path, data=body, content_type="application/json"
    )
    assert english["Content-Language"] == "en"
    assert english.json()["title"] == "The input is not valid."


def test_a_partner_cannot_update_another_organisations_agreement(world):
    from casework.services.cases import membership_add_organisation
    from tests.factories import OrganisationFactory
    from tests.factories.cases import sharing_basis

    vt = OrganisationFactory(kind="veilig_thuis")
    membership_add_organisation(
        actor=world.coordinator, case=world.case, organisation=vt, **sharing_basis()
    )
    plaintext, _ = issue(vt)
    response = api_client(plaintext).patch(
        f"/api/v1/agreements/{world.police_agreement.pk}",
        data={"status": "done", "lockVersion": world.police_agreement.progress.lock_version},
        content_type="application/json",
    )
    assert response.status_code == 403
    world.police_agreement.progress.refresh_from_db()
    assert world.police_agreement.progress.status == "open"


def test_only_the_shelter_sees_the_shelter_address(world):
    from casework.services.cases import membership_add_organisation
    from tests.factories import OrganisationFactory
    from tests.factories.cases import sharing_basis

    shelter = OrganisationFactory(kind="shelter")
    membership_add_organisation(
        actor=world.coordinator, case=world.case, organisation=shelter, **sharing_basis()
    )
    path = f"/api/v1/cases/{world.case.pk}/persons"
    shelter_view = api_client(issue(shelter)[0]).get(path).json()
    police_view = api_client(issue(world.police)[0]).get(path).json()
    assert "Opvangstraat 9, Opvanghuis (fictief)" in {
        p["confidentialAddress"] for p in shelter_view
    }
    assert {p["confidentialAddress"] for p in police_view} == {""}


def test_lists_are_paginated_with_links(world):
    plaintext, _ = issue(world.police)
    response = api_client(plaintext).get("/api/v1/cases?pageSize=1")
    body = response.json()
    assert set(body["_links"]) >= {"self", "first", "last"}
    assert 'rel="first"' in response["Link"]
    assert api_client(plaintext).get("/api/v1/cases?pageSize=0").status_code == 400


def test_rate_limit_per_client(world, settings):
    from rest_framework.settings import api_settings

    from api.throttling import ClientRateThrottle

    plaintext, _ = issue(world.police)
    other, _ = issue(world.police)
    ClientRateThrottle.THROTTLE_RATES = {**api_settings.DEFAULT_THROTTLE_RATES, "client": "3/min"}
    try:
        client = api_client(plaintext)
        codes = [client.get("/api/v1/cases").status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        assert api_client(other).get("/api/v1/cases").status_code == 200
    finally:
        ClientRateThrottle.THROTTLE_RATES = api_settings.DEFAULT_THROTTLE_RATES


def test_an_id_beyond_any_database_row_is_a_plain_404(world):
    """Found by schemathesis: a 30-digit case id overflowed SQLite and answered 500."""
    plaintext, _ = issue(world.police)
    huge = "329042834155420335975855816704"
    for path in (
        f"/api/v1/cases/{huge}",
        f"/api/v1/cases/{huge}/plan-versions",
        f"/api/v1/cases/{world.case.pk}/plan-versions/{huge}",
        f"/api/v1/agreements/{huge}",
    ):
        response = api_client(plaintext).get(path)
        assert response.status_code == 404, path
        assert response["Content-Type"] == "application/problem+json"
