# SPDX-License-Identifier: EUPL-1.2
"""Schemathesis runs the OpenAPI document against the API in-process (WSGI), with a real
token of a member organisation: no operation may answer 5xx, and every response must match
the schema (status codes, headers, bodies). Bounded: a few examples per operation."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.api.conftest import api_client, build_world, issue
from tests.factories import OrganisationFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture
def member_token(db):
    org = OrganisationFactory(kind="veilig_thuis")
    build_world(extra_org=org)
    plaintext, _ = issue(org)
    # Calls go through the real WSGI handler, which closes the database connection after
    # each request; inside the test's transaction (PostgreSQL) that must not happen —
    # Django's own test client disconnects the same handler.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield plaintext
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_keeps_to_its_openapi_document(case, member_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {member_token}"})


def test_the_document_and_the_browsable_docs_are_served(db):
    client = api_client(None)
    document = client.get("/api/v1/openapi.json")
    assert document.status_code == 200
    assert document.json()["openapi"].startswith("3.")
    assert "/api/v1/cases" in document.json()["paths"]
    assert not any(path.endswith("/") for path in document.json()["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"swagger" in docs.content.lower()
    assert b"cdn" not in docs.content.lower()  # assets come from the app (sidecar)
