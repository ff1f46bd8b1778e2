# SPDX-License-Identifier: EUPL-1.2
"""Every conference action names the Top-3 risk item(s) it works on, or why none (issue 20)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from conferences import services
from conferences.models import Action
from conferences.risks import risk_choices, with_risk_labels
from safetyplan import services as plan
from safetyplan.models import ActionRisk
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld, item_fields

pytestmark = pytest.mark.django_db

NEEDS_RISK = (
    "Kies de onveilige situatie(s) uit de Top-3 waar deze actie aan werkt, "
    "of leg uit waarom er geen is."
)
NOT_IN_TOP3 = "Kies alleen onveilige situaties uit de huidige Top-3 van deze casus."
DUE = timezone.localdate() + datetime.timedelta(days=5)


def conference_of(world, *, starts_at=None, others=()):
    cases = [world.case, *(o.case for o in others)]
    organisations = {m.organisation for c in cases for m in c.memberships.active().organisations()}
    return services.conference_schedule(
        actor=world.coordinator,
        kind="code_rood",
        starts_at=starts_at or timezone.now() + datetime.timedelta(days=2),
        location="ZVH (fictief)",
        cases=cases,
        organisations=sorted(organisations, key=lambda o: o.pk),
    )


def record(world, part, **overrides):
    kwargs = {
        "actor": world.coordinator,
        "part": part,
        "description": "Huisbezoek",
        "owner_organisation": world.police,
        "owner_user": None,
        "due_date": DUE,
    }
    kwargs.update(overrides)
    return services.action_record(**kwargs)


def refusal(callable_, **kwargs) -> dict:
    with pytest.raises(ValidationError) as refused:
        callable_(**kwargs)
    return {field: [str(m) for m in messages] for field, messages in refused.value}


@pytest.fixture
def world():
    world = PlanWorld()
    world.version = world.adopted(n_items=2)
    world.items = list(world.version.risk_items.order_by("rank"))
    return world


def part_of(conference, world):
    return conference.parts.get(case=world.case)


# --- the service -----------------------------------------------------------------------
def test_an_action_without_risk_item_and_without_reason_is_refused(world):
    part = part_of(conference_of(world), world)
    errors = refusal(record, world=world, part=part)
    assert errors == {"risks": [NEEDS_RISK]}
    assert not Action.objects.exists()


def test_without_a_top3_the_reason_is_asked_for(world):
    bare = PlanWorld()  # no safety plan at all
    part = part_of(conference_of(bare), bare)
    assert refusal(record, world=bare, part=part) == {"no_risk_reason": [NEEDS_RISK]}
    action = record(bare, part, no_risk_reason="Nog geen veiligheidsplan: eerst kennismaken.")
    assert action.no_risk_reason == "Nog geen veiligheidsplan: eerst kennismaken."


def test_a_risk_of_another_case_is_refused(world):
    other = PlanWorld()
    other.adopted(n_items=1)
    foreign = other.case.safety_plan.risks.get()
    part = part_of(conference_of(world), world)
    assert refusal(record, world=world, part=part, risks=[foreign.pk]) == {"risks": [NOT_IN_TOP3]}
    assert refusal(record, world=world, part=part, risks=["x"]) == {"risks": [NOT_IN_TOP3]}
    assert not Action.objects.exists() and not ActionRisk.objects.exists()


def test_the_risk_of_a_replaced_item_is_refused():
    world = PlanWorld()
    draft = world.draft()  # nothing adopted yet: the draft's Top-3 counts
    first = world.item(draft, 1, title="Dreiging met mes")
    new = plan.risk_item_replace(
        actor=world.coordinator,
        item=first,
        reason="Ernstiger",
        **item_fields("Wurging"),
    )
    part = part_of(conference_of(world), world)
    assert refusal(record, world=world, part=part, risks=[first.risk_id]) == {
        "risks": [NOT_IN_TOP3]
    }
    action = record(world, part, risks=[new.risk_id])
    assert list(ActionRisk.objects.filter(action=action).values_list("risk_id", flat=True)) == [
        new.risk_id
    ]


def test_a_risk_item_and_a_reason_together_are_refused(world):
    part = part_of(conference_of(world), world)
    errors = refusal(
        record, world=world, part=part, risks=[world.items[0].risk_id], no_risk_reason="Ook"
    )
    assert list(errors) == ["no_risk_reason"]


def test_an_action_records_the_risk_items_it_works_on(world):
    part = part_of(conference_of(world), world)
    risks = [world.items[1].risk_id, world.items[0].risk_id]
    action = record(world, part, risks=risks)
    assert set(ActionRisk.objects.filter(action=action).values_list("risk_id", flat=True)) == set(
        risks
    )
    assert action.no_risk_reason == ""


def test_the_top3_is_that_of_the_adopted_version_while_a_draft_is_edited(world):
    draft = world.draft()
    plan.risk_item_create(
        actor=world.coordinator, version=draft, rank=3, **item_fields("Alleen in het concept")
    )
    labels = [label for _pk, label in risk_choices([world.case])[world.case.pk]]
    assert labels == ["1. Situatie 1", "2. Situatie 2"]


# --- the page --------------------------------------------------------------------------
def action_post(client, conference, part, **fields):
    data = {f"p{part.pk}-action-{name}": value for name, value in fields.items()}
    return client.post(reverse("conferences:action", args=[conference.pk, part.pk]), data)


def page_html(client, conference) -> str:
    response = client.get(reverse("conferences:conference_detail", args=[conference.pk]))
    assert response.status_code == 200
    return response.content.decode()


def action_form_html(client, conference, part) -> str:
    """The action form as the page opens it (issue 14: loaded on demand)."""
    url = reverse("conferences:part_form", args=[conference.pk, part.pk, "action"])
    response = client.get(url, headers={"HX-Request": "true"})
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_refuses_an_action_without_risk_and_keeps_what_was_typed(client, world):
    conference = conference_of(world)
    part = part_of(conference, world)
    client.force_login(world.coordinator)
    html = action_form_html(client, conference, part)
    assert "1. Situatie 1" in html and "2. Situatie 2" in html  # the Top-3 to choose from
    response = action_post(
        client,
        conference,
        part,
        description="Gesprek met de school",
        owner_organisation=world.police.pk,
        due_date=DUE.isoformat(),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert NEEDS_RISK in html
    assert 'value="Gesprek met de school"' in html
    assert f'value="{DUE.isoformat()}"' in html
    assert not Action.objects.exists()


def test_the_page_refuses_a_forged_risk_of_another_case(client, world):
    other = PlanWorld()
    other.adopted(n_items=1)
    foreign = other.case.safety_plan.risks.get()
    conference = conference_of(world)
    part = part_of(conference, world)
    client.force_login(world.coordinator)
    response = action_post(
        client,
        conference,
        part,
        description="Huisbezoek",
        owner_organisation=world.police.pk,
        due_date=DUE.isoformat(),
        risks=str(foreign.pk),
    )
    assert response.status_code == 200
    assert NOT_IN_TOP3 in response.content.decode()
    assert not Action.objects.exists()
    huge = action_post(client, conference, part, description="x", risks=str(2**70))
    assert huge.status_code == 200 and NOT_IN_TOP3 in huge.content.decode()


def test_the_page_records_an_action_with_risk_and_one_with_reason_and_shows_them(client, world):
    conference = conference_of(world)
    part = part_of(conference, world)
    # An action recorded before issue 20: neither a risk item nor a reason.
    Action.objects.create(
        part=part,
        description="Oude actie",
        owner_organisation=world.police,
        due_date=DUE,
        recorded_by=world.coordinator,
    )
    client.force_login(world.coordinator)
    common = {"owner_organisation": world.police.pk, "due_date": DUE.isoformat()}
    response = action_post(
        client,
        conference,
        part,
        description="Contactverbod controleren",
        risks=str(world.items[1].risk_id),
        **common,
    )
    assert response.status_code == 302
    response = action_post(
        client,
        conference,
        part,
        description="Tolk regelen",
        no_risk_reason="Voorwaarde voor het gesprek",
        **common,
    )
    assert response.status_code == 302
    html = page_html(client, conference)
    assert "Werkt aan: 2. Situatie 2" in html
    assert "Geen risico-item: Voorwaarde voor het gesprek" in html
    assert "Risico-item: niet vastgelegd" in html
    # Partners taking part see the same.
    client.force_login(world.agent)
    html = page_html(client, conference)
    assert "Werkt aan: 2. Situatie 2" in html
    assert "Geen risico-item: Voorwaarde voor het gesprek" in html


def test_a_case_without_top3_offers_only_the_reason_and_says_so(client):
    bare = PlanWorld()
    conference = conference_of(bare)
    client.force_login(bare.coordinator)
    html = action_form_html(client, conference, part_of(conference, bare))
    assert "Deze casus heeft nog geen Top-3 van onveilige situaties" in html
    assert "-action-risks" not in html


def test_a_linked_situation_that_left_the_top3_is_named_so(world):
    part = part_of(conference_of(world), world)
    action = record(world, part, risks=[world.items[0].risk_id])
    draft = world.draft()
    old = draft.risk_items.get(rank=1)
    plan.risk_item_replace(
        actor=world.coordinator, item=old, reason="Ernstiger", **item_fields("Wurging")
    )
    # The adopted version still counts, then the new one once adopted.
    assert with_risk_labels([action])[0].risk_labels == ["1. Situatie 1"]
    for item in draft.risk_items.filter(status="active"):
        world.condition(item)
        if not item.agreements.exists():
            world.agreement(item)
    plan.plan_adopt(actor=world.coordinator, version=draft)
    assert with_risk_labels([action])[0].risk_labels == ["Situatie 1 (niet meer in de Top-3)"]


def test_only_who_runs_the_conference_records_an_action(client, world):
    conference = conference_of(world)
    part = part_of(conference, world)
    fields = {
        "description": "Huisbezoek",
        "owner_organisation": world.police.pk,
        "due_date": DUE.isoformat(),
        "risks": str(world.items[0].risk_id),
    }
    zvh_manager = UserFactory(organisation=world.coordinator.organisation, manager=True)
    strangers = (UserFactory(coordinator=True), UserFactory(partner=True))
    for user in (world.agent, world.vt_worker, zvh_manager, *strangers):
        client.force_login(user)
        assert action_post(client, conference, part, **fields).status_code == 404
    client.force_login(world.agent)
    assert "-action-risks" not in page_html(client, conference)  # no form for a partner
    assert not Action.objects.exists()


def test_the_minutes_pdf_names_the_risk_items(client, world):
    conference = conference_of(world, starts_at=timezone.now() + datetime.timedelta(minutes=1))
    part = part_of(conference, world)
    record(world, part, risks=[world.items[0].risk_id])
    record(world, part, description="Tolk", no_risk_reason="Voorwaarde voor het gesprek")
    type(conference).objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    services.minutes_adopt(actor=world.coordinator, conference=conference)
    client.force_login(world.coordinator)
    response = client.get(reverse("conferences:conference_minutes_pdf", args=[conference.pk]))
    text = " ".join(
        p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages
    ).replace("\n", " ")
    assert "Werkt aan: 1. Situatie 1" in text
    assert "Geen risico-item: Voorwaarde voor het gesprek" in text


# --- query counts ----------------------------------------------------------------------
def _page_with(n_cases: int):
    coordinator = UserFactory(coordinator=True)
    worlds = [PlanWorld(coordinator) for _ in range(n_cases)]
    for world in worlds:
        world.adopted(n_items=3)
    conference = conference_of(worlds[0], others=worlds[1:])
    for world in worlds:
        part = part_of(conference, world)
        risks = list(world.case.safety_plan.risks.values_list("pk", flat=True))
        record(world, part, risks=risks[:2])
        record(world, part, risks=risks[2:])
        record(world, part, description="Tolk", no_risk_reason="Voorwaarde")
    return conference, coordinator, worlds[0].agent


@pytest.mark.parametrize("who", ["coordinator", "partner"])
def test_conference_page_query_count_does_not_grow_with_cases_and_actions(
    client, django_assert_max_num_queries, who
):
    counts = []
    for n in (2, 5):
        conference, coordinator, agent = _page_with(n)
        client.force_login(coordinator if who == "coordinator" else agent)
        url = reverse("conferences:conference_detail", args=[conference.pk])
        client.get(url)
        with django_assert_max_num_queries(40) as captured:
            html = client.get(url).content.decode()
        assert html.count("Werkt aan: ") == (2 * n if who == "coordinator" else 2)
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_the_demo_conference_actions_name_a_risk_item_or_a_reason(client):
    call_command("load_demo_data")
    actions = with_risk_labels(Action.objects.order_by("pk"))
    assert actions and all(a.risk_labels or a.no_risk_reason for a in actions)
    assert any(a.risk_labels for a in actions) and any(a.no_risk_reason for a in actions)
    assert all(a.risk_labels[0].startswith("1. ") for a in actions if a.risk_labels)
