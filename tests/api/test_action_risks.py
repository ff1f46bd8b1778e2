# SPDX-License-Identifier: EUPL-1.2
"""The API's actions name the Top-3 risk items they work on, or why none (issue 20), read
in one query for the whole page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conferences import services
from tests.api.conftest import api_client, build_world, issue

pytestmark = pytest.mark.django_db


def _actions(world, n: int) -> None:
    conference = services.conference_schedule(
        actor=world.coordinator,
        kind="code_rood",
        starts_at=timezone.now() + datetime.timedelta(days=1),
        location="ZVH (fictief)",
        cases=[world.case],
        organisations=[world.police],
    )
    part = conference.parts.get()
    risk = world.version.risk_items.get(rank=1).risk_id
    due = timezone.localdate() + datetime.timedelta(days=3)
    for i in range(n):
        services.action_record(
            actor=world.coordinator,
            part=part,
            description=f"Actie {i}",
            owner_organisation=world.police,
            owner_user=None,
            due_date=due,
            risks=[risk],
        )
    services.action_record(
        actor=world.coordinator,
        part=part,
        description="Tolk regelen",
        owner_organisation=world.police,
        owner_user=None,
        due_date=due + datetime.timedelta(days=1),
        no_risk_reason="Voorwaarde voor het gesprek (fictief).",
    )


def _get(world):
    client = api_client(issue(world.police)[0])
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/actions")
    assert response.status_code == 200
    return response.json()["results"], len(queries)


def test_actions_show_their_risk_items_or_the_reason_read_only():
    world = build_world()
    _actions(world, 1)
    results, _count = _get(world)
    title = world.version.risk_items.get(rank=1).title
    assert [(r["description"], r["riskItems"], r["noRiskReason"]) for r in results] == [
        ("Actie 0", [f"1. {title}"], ""),
        ("Tolk regelen", [], "Voorwaarde voor het gesprek (fictief)."),
    ]


def test_the_risk_items_of_a_page_are_read_in_a_fixed_number_of_queries():
    small, large = build_world(), build_world()
    _actions(small, 1)
    _actions(large, 4)
    (few, few_queries), (many, many_queries) = _get(small), _get(large)
    assert (len(few), len(many)) == (2, 5)
    assert few_queries == many_queries
