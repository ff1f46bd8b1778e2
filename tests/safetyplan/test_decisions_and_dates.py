# SPDX-License-Identifier: EUPL-1.2
"""Issue 12: an evaluation moment in the past is refused; a manager's new date or new
owner changes the plan itself (shown with who decided), so plan and deadline agree."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from deadlines.models import Deadline, DeadlineKind, Escalation
from deadlines.services.escalations import escalation_decide
from safetyplan import services
from safetyplan.models import RiskItem
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld, item_fields

pytestmark = pytest.mark.django_db

YESTERDAY = timezone.localdate() - datetime.timedelta(days=1)


@pytest.fixture
def world():
    return PlanWorld()


def test_an_evaluation_moment_in_the_past_is_refused(world, client):
    draft = world.draft()
    with pytest.raises(ValidationError) as refused:
        world.item(draft, 1, next_evaluation=YESTERDAY)
    assert refused.value.message_dict["next_evaluation"] == [
        "Het evaluatiemoment ligt in het verleden."
    ]
    item = world.item(draft, 1)
    with pytest.raises(ValidationError):
        services.risk_item_update(
            actor=world.coordinator,
            item=item,
            lock_version=item.lock_version,
            **item_fields(next_evaluation=YESTERDAY),
        )
    client.force_login(world.coordinator)
    data = {k: v for k, v in item_fields().items() if k != "next_evaluation"}
    response = client.post(
        reverse("safetyplan:risk_item_create", kwargs={"case_pk": world.case.pk}),
        {**data, "rank": 2, "next_evaluation": YESTERDAY.isoformat()},
    )
    assert "Het evaluatiemoment ligt in het verleden." in response.content.decode()
    assert RiskItem.objects.count() == 1


def _escalate(world, deadline):
    return Escalation.objects.create(
        case=world.case,
        deadline=deadline,
        due_date=deadline.due_date,
        owner_organisation=deadline.owner_organisation,
        raised_at=timezone.now(),
        response_due_at=timezone.now() + datetime.timedelta(days=2),
    )


def test_a_managers_new_date_changes_the_plan_and_survives_the_next_sync(world, client):
    version = world.adopted(1)
    agreement = version.agreements.get()
    deadline = Deadline.objects.get(kind=DeadlineKind.AGREEMENT)
    manager = UserFactory(organisation=world.coordinator.organisation, manager=True)
    new_date = timezone.localdate() + datetime.timedelta(days=30)
    escalation_decide(
        actor=manager,
        escalation=_escalate(world, deadline),
        decision="new_date",
        reason="Gezin op vakantie",
        new_due_date=new_date,
    )
    agreement.progress.refresh_from_db()
    assert agreement.progress.decided_due_date == new_date
    # The partner records progress: the deadline keeps the manager's date.
    services.agreement_set_status(
        actor=world.coordinator,
        agreement=agreement,
        status="open",
        notes="Loopt",
        lock_version=agreement.progress.lock_version,
    )
    deadline.refresh_from_db()
    assert deadline.due_date == new_date
    client.force_login(world.coordinator)
    page = client.get(
        reverse("safetyplan:plan", kwargs={"case_pk": world.case.pk})
    ).content.decode()
    assert f"Besluit na escalatie door {manager}" in page
    assert new_date.strftime("%Y") in page


def test_a_managers_new_evaluation_date_is_shown_on_the_plan(world, client):
    version = world.adopted(1)
    deadline = Deadline.objects.get(kind=DeadlineKind.EVALUATION)
    manager = UserFactory(organisation=world.coordinator.organisation, manager=True)
    new_date = timezone.localdate() + datetime.timedelta(days=40)
    escalation_decide(
        actor=manager,
        escalation=_escalate(world, deadline),
        decision="new_date",
        reason="Evaluatie na het overleg",
        new_due_date=new_date,
    )
    item = version.risk_items.get()
    item.risk.refresh_from_db()
    assert (item.risk.decided_evaluation, item.risk.decided_by) == (new_date, manager)
    client.force_login(world.coordinator)
    page = client.get(
        reverse("safetyplan:plan", kwargs={"case_pk": world.case.pk})
    ).content.decode()
    assert f"Besluit na escalatie door {manager}" in page
