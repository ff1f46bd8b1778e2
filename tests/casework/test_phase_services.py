# SPDX-License-Identifier: EUPL-1.2
"""The phase machine through case_transition: every transition, every guard, what it records."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.conditions import PLAN_GUARDS
from casework.models import Phase, PhaseChange, Track
from casework.selectors import case_qs_visible_to
from casework.services.phases import (
    case_transition,
    closure_decide,
    closure_request,
    transition_options,
)
from notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import (
    CaseFactory,
    add_incident,
    add_partner,
    add_person,
    ready_to_start,
)

pytestmark = pytest.mark.django_db


def start(case):
    return case_transition(
        case=case, name="start", actor=case.coordinator, reason="Code Rood tafel"
    )


def test_registration_gives_sequential_references_per_year():
    first, second = CaseFactory(), CaseFactory()
    year = timezone.localdate().year
    assert first.reference == f"ZVH-{year}-0001"
    assert second.reference == f"ZVH-{year}-0002"
    assert first.phase == Phase.REGISTERED


def test_start_moves_to_immediate_safety_and_records_history(django_capture_on_commit_callbacks):
    case = ready_to_start(CaseFactory())
    with django_capture_on_commit_callbacks(execute=True):
        case = start(case)
    assert case.phase == Phase.IMMEDIATE_SAFETY
    change = PhaseChange.objects.get(case=case)
    assert (change.from_state, change.to_state, change.reason) == (
        "registered",
        "immediate_safety",
        "Code Rood tafel",
    )
    assert change.actor == case.coordinator
    assert Notification.objects.filter(recipient=case.coordinator, case=case).count() == 1


@pytest.mark.parametrize(
    ("missing", "sentence"),
    [
        ("victim", "Er is nog geen slachtoffer geregistreerd."),
        ("partners", "Er nemen nog geen twee partnerorganisaties deel."),
    ],
)
def test_start_is_refused_with_the_guard_sentence(missing, sentence):
    case = CaseFactory()
    if missing != "victim":
        add_person(case)
    if missing != "partners":
        add_partner(case)
    with pytest.raises(ValidationError) as refused:
        start(case)
    assert sentence in refused.value.messages
    case.refresh_from_db()
    assert case.phase == Phase.REGISTERED
    assert not PhaseChange.objects.exists()
    option = next(
        o for o in transition_options(case=case, user=case.coordinator) if o.name == "start"
    )
    assert not option.allowed and sentence in option.reasons


def test_a_transition_needs_a_reason():
    case = ready_to_start(CaseFactory())
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="start", actor=case.coordinator, reason="  ")
    assert "Geef een reden voor deze overgang." in refused.value.messages


def test_illegal_transition_is_refused():
    case = ready_to_start(CaseFactory())
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="recover", actor=case.coordinator, reason="x")
    assert "Deze overgang is vanuit de huidige fase niet mogelijk." in refused.value.messages
    with pytest.raises(ValidationError):
        case_transition(case=case, name="delete_everything", actor=case.coordinator, reason="x")


def test_a_partner_cannot_move_the_phase():
    case = ready_to_start(CaseFactory())
    police = case.registering_organisation
    agent = UserFactory(organisation=police, partner=True)
    with pytest.raises(PermissionDenied):
        case_transition(case=case, name="start", actor=agent, reason="x")
    assert transition_options(case=case, user=agent) == []


def test_phase_cannot_be_set_directly():
    case = CaseFactory()
    with pytest.raises(AttributeError):
        case.phase = Phase.RECOVERY


def test_stabilise_waits_for_an_adopted_plan():
    case = start(ready_to_start(CaseFactory()))
    option = next(
        o for o in transition_options(case=case, user=case.coordinator) if o.name == "stabilise"
    )
    assert not option.allowed
    assert any("vastgesteld veiligheidsplan" in reason for reason in option.reasons)


def test_relapse_needs_a_new_incident_in_the_phase(monkeypatch):
    case = start(ready_to_start(CaseFactory()))
    monkeypatch.setitem(PLAN_GUARDS, "immediate_safety_reached", lambda case: True)
    case = case_transition(case=case, name="stabilise", actor=case.coordinator, reason="Plan staat")
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="relapse", actor=case.coordinator, reason="x")
    assert "Er is in deze fase geen nieuw incident geregistreerd." in refused.value.messages
    add_incident(case)
    case = case_transition(
        case=case, name="relapse", actor=case.coordinator, reason="Nieuw incident"
    )
    assert case.phase == Phase.IMMEDIATE_SAFETY


def test_recover_needs_care_agreements_and_a_quiet_period(monkeypatch):
    case = start(ready_to_start(CaseFactory()))
    monkeypatch.setitem(PLAN_GUARDS, "immediate_safety_reached", lambda case: True)
    monkeypatch.setitem(PLAN_GUARDS, "care_agreements_in_place", lambda case: True)
    case = case_transition(case=case, name="stabilise", actor=case.coordinator, reason="Plan staat")
    add_incident(case, when=timezone.now() - datetime.timedelta(weeks=2))
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="recover", actor=case.coordinator, reason="Rustig")
    assert any("rustperiode" in m for m in refused.value.messages)


def test_recover_after_quiet_period(monkeypatch):
    case = start(ready_to_start(CaseFactory()))
    monkeypatch.setitem(PLAN_GUARDS, "immediate_safety_reached", lambda case: True)
    monkeypatch.setitem(PLAN_GUARDS, "care_agreements_in_place", lambda case: True)
    case = case_transition(case=case, name="stabilise", actor=case.coordinator, reason="Plan staat")
    add_incident(case, when=timezone.now() - datetime.timedelta(weeks=7))
    case = case_transition(case=case, name="recover", actor=case.coordinator, reason="Rustig")
    assert case.phase == Phase.RECOVERY


def test_track_escalates_and_deescalates():
    case = CaseFactory(track=Track.MDA)
    case = case_transition(case=case, name="escalate", actor=case.coordinator, reason="Wapen")
    assert case.track == Track.CODE_ROOD
    case = case_transition(case=case, name="deescalate", actor=case.coordinator, reason="Rust")
    assert case.track == Track.MDA
    assert list(PhaseChange.objects.values_list("field", flat=True)) == ["track", "track"]


def _manager_for(case):
    return UserFactory(organisation=case.coordinator.organisation, manager=True)


def test_closing_needs_a_manager_and_four_eyes():
    case = start(ready_to_start(CaseFactory()))
    with pytest.raises(ValidationError):  # no request yet
        case_transition(case=case, name="close", actor=_manager_for(case), reason="x")
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Veilig.")
    with pytest.raises(PermissionDenied):  # the coordinator cannot approve
        closure_decide(actor=case.coordinator, case=case, approve=True, reason="ok")
    manager = _manager_for(case)
    closure_decide(actor=manager, case=case, approve=True, reason="Doelen bereikt")
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED


def test_refused_closure_keeps_the_phase():
    case = start(ready_to_start(CaseFactory()))
    closure_request(actor=case.coordinator, case=case, reason="other", summary="Verhuisd.")
    request = closure_decide(actor=_manager_for(case), case=case, approve=False, reason="Nog niet")
    case.refresh_from_db()
    assert case.phase == Phase.IMMEDIATE_SAFETY
    assert request.status == "refused"
    assert request.decision_reason == "Nog niet"


def test_reopen_by_manager_only():
    case = start(ready_to_start(CaseFactory()))
    manager = _manager_for(case)
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    with pytest.raises(PermissionDenied):
        case_transition(case=case, name="reopen", actor=case.coordinator, reason="Nieuw")
    case = case_transition(case=case, name="reopen", actor=manager, reason="Nieuw incident")
    assert case.phase == Phase.IMMEDIATE_SAFETY


def test_removed_partner_loses_access_at_once():
    from casework.services.cases import membership_remove

    case = ready_to_start(CaseFactory())
    membership = case.memberships.get(organisation__kind=OrganisationKind.VEILIG_THUIS)
    worker = UserFactory(organisation=membership.organisation, partner=True)
    assert case_qs_visible_to(worker).filter(pk=case.pk).exists()
    membership_remove(actor=case.coordinator, case=case, membership=membership)
    assert not case_qs_visible_to(worker).filter(pk=case.pk).exists()


def test_outsider_sees_nothing():
    CaseFactory()
    outsider = UserFactory(organisation=OrganisationFactory(police=True), partner=True)
    assert not case_qs_visible_to(outsider).exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_racing_transitions_never_both_succeed():
    import threading

    from django.db import connections

    case = ready_to_start(CaseFactory())
    barrier = threading.Barrier(2)
    results = []

    def attempt():
        try:
            barrier.wait()
            case_transition(case=case, name="start", actor=case.coordinator, reason="race")
            results.append("ok")
        except ValidationError:
            results.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "refused"]
    assert PhaseChange.objects.filter(case=case).count() == 1
    assert connection.vendor == "postgresql"


def test_each_phase_notification_names_the_phase_of_its_own_change(
    monkeypatch, django_capture_on_commit_callbacks
):
    """Issue 12: every notification named the case's current phase ("…naar de fase
    Stabiele veiligheid" for each change), when they are delivered after later changes."""
    monkeypatch.setitem(PLAN_GUARDS, "immediate_safety_reached", lambda case: True)
    case = ready_to_start(CaseFactory())
    with django_capture_on_commit_callbacks(execute=True):
        case = start(case)
        case = case_transition(
            case=case, name="stabilise", actor=case.coordinator, reason="Plan staat"
        )
        add_incident(case)
        case = case_transition(case=case, name="relapse", actor=case.coordinator, reason="Incident")
    messages = list(
        Notification.objects.filter(recipient=case.coordinator, message__contains="naar de fase")
        .order_by("pk")
        .values_list("message", flat=True)
    )
    assert [m.split("naar de fase ")[1] for m in messages] == [
        f"{Phase.IMMEDIATE_SAFETY.label} gegaan.",
        f"{Phase.STABLE_SAFETY.label} gegaan.",
        f"{Phase.IMMEDIATE_SAFETY.label} gegaan.",
    ]
