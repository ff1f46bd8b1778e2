# SPDX-License-Identifier: EUPL-1.2
"""The phase guards read the real safety plan (no patched guards), and four-eyes holds when
the requester has become a manager."""

import pytest
from django.core.exceptions import ValidationError

from accounts.models import Role
from accounts.services import user_sync_groups
from casework.models import Phase
from casework.services.phases import case_transition, closure_decide, closure_request
from safetyplan import services
from safetyplan.models import AgreementPart
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


def _running(world: PlanWorld):
    return case_transition(
        case=world.case, name="start", actor=world.coordinator, reason="Aanmelding besproken"
    )


def test_stabilise_with_an_adopted_plan_whose_conditions_are_met():
    world = PlanWorld()
    case = _running(world)
    world.adopted(n_items=2, met=True)
    case = case_transition(case=case, name="stabilise", actor=world.coordinator, reason="Rust")
    assert case.phase == Phase.STABLE_SAFETY


def test_stabilise_is_refused_while_a_condition_of_the_adopted_plan_is_unmet():
    world = PlanWorld()
    case = _running(world)
    world.adopted(n_items=2, met=False)
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="stabilise", actor=world.coordinator, reason="Rust")
    assert "voorwaarden voor directe veiligheid" in str(refused.value)
    case.refresh_from_db()
    assert case.phase == Phase.IMMEDIATE_SAFETY


def test_a_draft_with_met_conditions_does_not_count_until_it_is_adopted():
    world = PlanWorld()
    case = _running(world)
    draft = world.draft()
    world.complete_item(draft, 1, met=True)
    with pytest.raises(ValidationError):
        case_transition(case=case, name="stabilise", actor=world.coordinator, reason="Rust")


def test_recover_needs_care_agreements_in_the_adopted_plan():
    world = PlanWorld()
    case = _running(world)
    world.adopted(n_items=1, met=True)  # no care agreements
    case = case_transition(case=case, name="stabilise", actor=world.coordinator, reason="Rust")
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="recover", actor=world.coordinator, reason="Herstel")
    assert "risicogestuurde zorgafspraken" in str(refused.value)
    draft = world.draft()  # version 2 starts as a copy of version 1
    world.agreement(
        draft.risk_items.get(), owner=world.vt, part=AgreementPart.CARE, text="Traject bij VT."
    )
    services.plan_adopt(actor=world.coordinator, version=draft)
    case = case_transition(case=case, name="recover", actor=world.coordinator, reason="Herstel")
    assert case.phase == Phase.RECOVERY


def test_a_coordinator_who_became_manager_cannot_approve_their_own_closure_request():
    world = PlanWorld()
    case = _running(world)
    requester = world.coordinator
    closure_request(actor=requester, case=case, reason="goals_reached", summary="Veilig (fictief).")
    requester.role = Role.MANAGER
    requester.save(update_fields=["role"])
    user_sync_groups(user=requester)
    requester.refresh_from_db()
    for cache in ("_perm_cache", "_user_perm_cache", "_group_perm_cache"):
        requester.__dict__.pop(cache, None)
    with pytest.raises(ValidationError) as refused:
        closure_decide(actor=requester, case=case, approve=True, reason="Zelf goedgekeurd")
    assert "eigen verzoek" in str(refused.value)
    case.refresh_from_db()
    assert case.phase == Phase.IMMEDIATE_SAFETY
