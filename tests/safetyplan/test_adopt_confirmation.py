# SPDX-License-Identifier: EUPL-1.2
"""Adopting a plan version is irreversible: the page first shows what will be frozen and
adopts only when that is confirmed (a second step, plain HTML forms)."""

import pytest
from django.urls import reverse

from safetyplan.models import PlanVersion
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return PlanWorld()


def test_the_plan_page_links_to_the_confirmation_instead_of_adopting(client, world):
    draft = world.draft()
    for rank in (1, 2):
        world.complete_item(draft, rank)
    client.force_login(world.coordinator)
    html = client.get(reverse("safetyplan:plan", args=[world.case.pk])).content.decode()
    adopt = reverse("safetyplan:adopt", args=[world.case.pk])
    assert f'<form method="post" action="{adopt}"' not in html
    assert f'href="{adopt}"' in html


def test_the_first_step_shows_what_freezes_and_changes_nothing(client, world):
    draft = world.draft()
    for rank in (1, 2):
        world.complete_item(draft, rank)
    client.force_login(world.coordinator)
    adopt = reverse("safetyplan:adopt", args=[world.case.pk])
    for response in (client.get(adopt), client.post(adopt)):
        html = response.content.decode()
        assert response.status_code == 200
        assert "Dit wordt bevroren" in html
        assert "1. Situatie 1: 1 voorwaarden, 1 afspraken" in html
        assert 'name="confirm" value="yes"' in html
    assert not PlanVersion.objects.get(pk=draft.pk).is_adopted
    response = client.post(adopt, {"confirm": "yes"})
    assert response.status_code == 302
    assert PlanVersion.objects.get(pk=draft.pk).is_adopted


def test_the_confirmation_page_says_why_a_draft_cannot_be_adopted(client, world):
    world.draft()
    client.force_login(world.coordinator)
    html = client.get(reverse("safetyplan:adopt", args=[world.case.pk])).content.decode()
    assert "Deze versie kan nog niet worden vastgesteld:" in html
    assert 'name="confirm"' not in html


def test_a_partner_gets_no_confirmation_page(client, world):
    world.draft()
    client.force_login(world.agent)
    assert client.get(reverse("safetyplan:adopt", args=[world.case.pk])).status_code == 404


@pytest.mark.parametrize("items", [1, 3])
def test_the_confirmation_page_query_count(client, world, django_assert_max_num_queries, items):
    draft = world.draft()
    for rank in range(1, items + 1):
        item = world.complete_item(draft, rank)
        world.condition(item, text="Nog een voorwaarde.")
        world.agreement(item, text="Nog een afspraak.")
    client.force_login(world.coordinator)
    with django_assert_max_num_queries(24):
        response = client.get(reverse("safetyplan:adopt", args=[world.case.pk]))
    assert response.status_code == 200
