# SPDX-License-Identifier: EUPL-1.2
"""The API's authorisation matrix: every endpoint × every organisation kind × member /
stranger / removed. A member sees and does what its professionals may; a stranger and a
removed organisation get 404 on the case's endpoints (exactly like a missing case), empty
lists elsewhere, nothing changes, and every call is in the access log. The endpoint list
is checked against the URL resolver, so a new endpoint without a row here fails."""

import datetime

import pytest
from django.urls import get_resolver
from django.utils import timezone

from audit.models import Action, AuditEntry
from casework.models import Incident
from safetyplan.models import AgreementProgress, PlanAcknowledgement, SafetyAgreement
from tests.api.conftest import KINDS, api_client, build_world, issue, remove
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

CASE_ENDPOINTS = [
    ("GET", "/api/v1/cases/{case}"),
    ("GET", "/api/v1/cases/{case}/persons"),
    ("GET", "/api/v1/cases/{case}/plan-versions"),
    ("GET", "/api/v1/cases/{case}/plan-versions/{version}"),
    ("POST", "/api/v1/cases/{case}/incidents"),
    ("POST", "/api/v1/cases/{case}/plan-versions/{version}/acknowledgements"),
    ("GET", "/api/v1/agreements/{agreement}"),
    ("PATCH", "/api/v1/agreements/{agreement}"),
]
LIST_ENDPOINTS = [
    "/api/v1/cases",
    "/api/v1/agreements",
    "/api/v1/actions",
    "/api/v1/deadlines",
    "/api/v1/huisverboden",
]
DOCUMENT_ENDPOINTS = {"/api/v1/openapi.json", "/api/v1/docs", "/api/v1/^(?P<rest>[\\s\\S]*)$"}


def _body(method, path):
    if path.endswith("/incidents"):
        return {
            "occurredAt": (timezone.now() - datetime.timedelta(hours=2)).isoformat(),
            "description": "Melding via het politiesysteem (fictief).",
        }
    if method == "PATCH":
        # The version token is required (issue 12): a save without it is refused as stale.
        return {"status": "done", "notes": "Gecontroleerd (fictief).", "lockVersion": 0}
    return None


def _call(client, method, path, *, member=False):
    body = _body(method, path)
    if method == "GET":
        return client.get(path)
    if method == "PATCH" and member:  # as a partner system does: read, then change
        current = client.get(path)
        if current.status_code == 200:
            body["lockVersion"] = current.json()["lockVersion"]
    return getattr(client, method.lower())(path, data=body, content_type="application/json")


def test_every_api_endpoint_is_in_the_matrix():
    routes = set()

    def walk(patterns, prefix):
        for entry in patterns:
            here = prefix + str(entry.pattern)
            if hasattr(entry, "url_patterns"):
                walk(entry.url_patterns, here)
            elif here.startswith("api/v1/"):
                routes.add("/" + here)

    walk(get_resolver().url_patterns, "")
    covered = {
        p.replace("{case}", "<int:case_id>")
        .replace("{version}", "<int:number>")
        .replace("{agreement}", "<int:agreement_id>")
        for _, p in CASE_ENDPOINTS
    }
    assert routes == covered | set(LIST_ENDPOINTS) | DOCUMENT_ENDPOINTS


def _snapshot():
    return (
        Incident.objects.count(),
        PlanAcknowledgement.objects.count(),
        list(AgreementProgress.objects.order_by("pk").values_list("status", flat=True)),
    )


@pytest.mark.parametrize("kind", KINDS)
def test_a_member_organisation_reads_and_writes_what_its_professionals_may(kind):
    org = OrganisationFactory(kind=kind)
    world = build_world(extra_org=org)
    own = SafetyAgreement.objects.get(version=world.version, owner_organisation=org)
    plaintext, token = issue(org)
    client = api_client(plaintext)
    ids = {"case": world.case.pk, "version": world.version.number, "agreement": own.pk}

    for method, template in CASE_ENDPOINTS:
        response = _call(client, method, template.format(**ids), member=True)
        assert response.status_code in (200, 201), (kind, method, template, response.json())
        assert response["API-Version"] == "1.1.0"

    assert [c["reference"] for c in client.get("/api/v1/cases").json()["results"]] == [
        world.case.reference
    ]
    agreements = client.get("/api/v1/agreements").json()["results"]
    assert [a["id"] for a in agreements] == [own.pk]  # only its own, not the police's
    assert agreements[0]["status"] == "done"
    deadlines = client.get("/api/v1/deadlines").json()["results"]
    assert {d["kind"] for d in deadlines} == {"agreement"}
    assert all(d["ownerOrganisation"] == org.name for d in deadlines)
    running = client.get("/api/v1/huisverboden").json()["results"]
    assert [h["id"] for h in running] == [world.huisverbod.pk]
    assert Incident.objects.filter(case=world.case, reported_by_organisation=org).count() == 1
    assert PlanAcknowledgement.objects.filter(version=world.version, organisation=org).exists()
    # Every call is in the access log under the token's service account.
    logged = AuditEntry.objects.filter(user_id=token.service_user_id)
    assert logged.filter(action=Action.VIEW, case_id=world.case.pk).exists()
    assert logged.filter(action=Action.CREATE, object_type="casework.Incident").exists()


# casework.services.membership_remove refuses to remove a ZVH from a case, so "removed
# ZVH" is not a state a case can reach.
STANDINGS = [(k, "stranger") for k in KINDS] + [(k, "removed") for k in KINDS if k != "zvh"]


@pytest.mark.parametrize(("kind", "standing"), STANDINGS)
def test_a_stranger_or_removed_organisation_gets_404_and_changes_nothing(kind, standing):
    org = OrganisationFactory(kind=kind)
    world = build_world(extra_org=org if standing == "removed" else None)
    if standing == "removed":
        remove(world, org)
        target = SafetyAgreement.objects.get(version=world.version, owner_organisation=org)
    else:
        target = world.police_agreement
    plaintext, token = issue(org)
    client = api_client(plaintext)
    ids = {"case": world.case.pk, "version": world.version.number, "agreement": target.pk}
    missing = {"case": 999999, "version": 99, "agreement": 999999}
    before = _snapshot()

    for method, template in CASE_ENDPOINTS:
        response = _call(client, method, template.format(**ids))
        assert response.status_code == 404, (kind, standing, method, template)
        assert response["Content-Type"] == "application/problem+json"
        # Exactly the answer for something that does not exist.
        assert response.json() | {"instance": ""} == _call(
            client, method, template.format(**missing)
        ).json() | {"instance": ""}
    for path in LIST_ENDPOINTS:
        response = client.get(path)
        assert response.status_code == 200
        assert response.json()["results"] == [], (kind, standing, path)

    assert _snapshot() == before
    for path in LIST_ENDPOINTS:  # an empty answer is in the log too
        assert AuditEntry.objects.filter(
            user_id=token.service_user_id, action=Action.VIEW, path=path
        ).exists(), path
    denied = AuditEntry.objects.filter(
        user_id=token.service_user_id, action=Action.DENIED, case_id=world.case.pk
    )
    assert denied.count() == len(CASE_ENDPOINTS) - 2  # agreement URLs carry no case id
    assert (
        AuditEntry.objects.filter(
            user_id=token.service_user_id,
            action=Action.DENIED,
            path__startswith="/api/v1/agreements/",
        ).count()
        == 4
    )
