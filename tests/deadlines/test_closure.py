# SPDX-License-Identifier: EUPL-1.2
"""Closing a case: only through the four-eyes decision, never over a running huisverbod,
open items acknowledged explicitly, and a closed case falls silent (issue 12)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from casework.models import ClosureRequest, Phase
from casework.selectors import case_timeline
from casework.services.phases import (
    case_transition,
    closure_decide,
    closure_request,
    transition_options,
)
from deadlines.models import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Escalation,
    EscalationStatus,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from deadlines.services.sync import deadline_sync
from huisverbod.services import huisverbod_withdraw
from tests.deadlines.conftest import impose
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(world):
    case = case_transition(
        case=world.case, name="start", actor=world.coordinator, reason="Code Rood tafel"
    )
    world.case = case
    world.manager = UserFactory(organisation=world.coordinator.organisation, manager=True)
    return world


def _request(world):
    return closure_request(
        actor=world.coordinator, case=world.case, reason="goals_reached", summary="Veilig."
    )


def test_the_generic_close_transition_is_neither_offered_nor_accepted(running, client):
    _request(running)
    names = [o.name for o in transition_options(case=running.case, user=running.manager)]
    assert "close" not in names
    with pytest.raises(ValidationError) as refused:
        case_transition(case=running.case, name="close", actor=running.manager, reason="Klaar")
    assert "alleen afgesloten via het besluit" in refused.value.messages[0]
    client.force_login(running.manager)
    page = client.get(reverse("casework:case_detail", args=[running.case.pk])).content.decode()
    assert f"/cases/{running.case.pk}/transition/close/" not in page
    response = client.post(
        reverse("casework:transition", args=[running.case.pk, "close"]), {"reason": "Klaar"}
    )
    running.case.refresh_from_db()
    assert response.status_code in (302, 403, 404)
    assert running.case.phase == Phase.IMMEDIATE_SAFETY
    assert ClosureRequest.objects.get().status == ClosureRequest.Status.PENDING


def test_no_closing_while_a_huisverbod_runs(running, client):
    now = timezone.now()
    hv = impose(running, now - datetime.timedelta(days=1), now=now)
    with pytest.raises(ValidationError) as refused:
        _request(running)
    assert "zolang een huisverbod is opgelegd of verlengd" in refused.value.messages[0]
    client.force_login(running.coordinator)
    response = client.post(
        reverse("casework:closure_request", args=[running.case.pk]),
        {"reason": "goals_reached", "summary": "Veilig."},
    )
    assert "zolang een huisverbod is opgelegd of verlengd" in response.content.decode()
    assert not ClosureRequest.objects.exists()

    # A request made before the order was imposed cannot be approved while it runs.
    huisverbod_withdraw(actor=running.official, huisverbod=hv, reason="Fictief", now=now)
    _request(running)
    impose(running, now, now=now + datetime.timedelta(minutes=1))
    with pytest.raises(ValidationError):
        closure_decide(actor=running.manager, case=running.case, approve=True, reason="Akkoord")
    client.force_login(running.manager)
    url = reverse("casework:closure_decide", args=[running.case.pk])
    assert "zolang een huisverbod" in client.get(url).content.decode()
    response = client.post(url, {"decision": "approve", "reason": "Akkoord", "acknowledged": "on"})
    assert "zolang een huisverbod" in response.content.decode()
    running.case.refresh_from_db()
    assert running.case.phase == Phase.IMMEDIATE_SAFETY


def _open_deadline(world, days, title="Afspraak"):
    return deadline_sync(
        case=world.case,
        kind=DeadlineKind.AGREEMENT,
        source=world.victim,  # any model instance with a pk will do as a source here
        title=title,
        owner_organisation=world.veilig_thuis,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_open_escalations_are_listed_and_approval_needs_an_acknowledgement(running, client):
    deadline = _open_deadline(running, -10)
    escalation = Escalation.objects.create(
        case=running.case,
        deadline=deadline,
        due_date=deadline.due_date,
        owner_organisation=running.veilig_thuis,
        raised_at=timezone.now(),
        response_due_at=timezone.now() + datetime.timedelta(days=2),
    )
    _request(running)
    client.force_login(running.manager)
    url = reverse("casework:closure_decide", args=[running.case.pk])
    page = client.get(url).content.decode()
    assert "Nog open bij afsluiten" in page and "Escalatie open (niveau 1)" in page
    response = client.post(url, {"decision": "approve", "reason": "Akkoord"})
    assert "Bevestig dat u de casus toch wilt afsluiten" in response.content.decode()
    running.case.refresh_from_db()
    assert running.case.phase == Phase.IMMEDIATE_SAFETY
    with pytest.raises(ValidationError):
        closure_decide(actor=running.manager, case=running.case, approve=True, reason="Akkoord")

    response = client.post(url, {"decision": "approve", "reason": "Akkoord", "acknowledged": "on"})
    assert response.status_code == 302
    request = ClosureRequest.objects.get()
    assert request.status == ClosureRequest.Status.APPROVED
    assert request.decided_by == running.manager
    assert "Escalatie open (niveau 1)" in request.acknowledged_open_items
    entry = next(e for e in case_timeline(running.case) if "Verzoek tot afsluiten" in e.title)
    assert "Bewust afgesloten met open punten" in entry.detail
    escalation.refresh_from_db()
    assert escalation.status == EscalationStatus.RESOLVED


def test_a_closed_case_falls_silent_and_reopening_restores_what_lies_ahead(running):
    past = _open_deadline(running, -1, "Verleden")
    ahead = deadline_sync(
        case=running.case,
        kind=DeadlineKind.AGREEMENT,
        source=running.perpetrator,
        title="Toekomst",
        owner_organisation=running.veilig_thuis,
        due_date=timezone.localdate() + datetime.timedelta(days=5),
    )
    pending = Reminder.objects.create(
        case=running.case,
        deadline=ahead,
        kind=ReminderKind.DEADLINE_BEFORE,
        about=ahead.due_date.isoformat(),
        due_at=timezone.now() + datetime.timedelta(days=3),
    )
    _request(running)
    closure_decide(
        actor=running.manager, case=running.case, approve=True, reason="Akkoord", acknowledged=True
    )
    assert set(Deadline.objects.values_list("status", flat=True)) == {DeadlineStatus.CLOSED}
    pending.refresh_from_db()
    assert (pending.status, pending.cancel_reason) == (ReminderStatus.CANCELLED, "case_closed")

    case_transition(case=running.case, name="reopen", actor=running.manager, reason="Nieuw")
    past.refresh_from_db()
    ahead.refresh_from_db()
    assert past.status == DeadlineStatus.CLOSED
    assert ahead.status == DeadlineStatus.OPEN
