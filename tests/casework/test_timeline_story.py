# SPDX-License-Identifier: EUPL-1.2
"""The whole story (issue 16): registration, plan versions adopted and acknowledged,
agreement status changes and the decisions and actions of adopted conference minutes are
on the timeline page, filterable by kind; a conference still in draft is not."""

import pytest
from django.urls import reverse

from conferences import services as conference_services
from safetyplan import services as plan_services
from tests.conferences.test_conferences import schedule_held
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


def _timeline(client, case, **params) -> str:
    response = client.get(reverse("casework:case_timeline", args=[case.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def test_the_timeline_tells_registration_plan_agreements_and_adopted_conferences(client):
    world = PlanWorld()
    case = world.case
    version = world.adopted()
    plan_services.plan_acknowledge(actor=world.agent, version=version)
    agreement = version.risk_items.first().agreements.first()
    plan_services.agreement_set_status(
        actor=world.agent,
        agreement=agreement,
        status="done",
        notes="Contactverbod gecontroleerd.",
        lock_version=agreement.progress.lock_version,
    )
    conference = schedule_held(world.coordinator, [case])
    part = conference.parts.get()
    conference_services.decision_record(
        actor=world.coordinator, part=part, text="Veiligheidsplan handhaven", proposal="none"
    )
    draft = schedule_held(world.coordinator, [case])
    conference_services.decision_record(
        actor=world.coordinator, part=draft.parts.get(), text="Nog concept", proposal="none"
    )
    conference_services.minutes_adopt(actor=world.coordinator, conference=conference)

    client.force_login(world.agent)
    html = _timeline(client, case)
    assert f"Casus aangemeld door {world.police}" in html
    assert "Veiligheidsplan versie 1 vastgesteld" in html
    assert f"{world.police} nam kennis van versie 1" in html
    assert "Afspraak: Nagekomen" in html and "Contactverbod gecontroleerd." in html
    assert "Veiligheidsplan handhaven" in html
    assert "Nog concept" not in html  # minutes not adopted: not yet part of the story

    plan_only = _timeline(client, case, kind="plan")
    assert "Veiligheidsplan versie 1 vastgesteld" in plan_only
    assert "Veiligheidsplan handhaven" not in plan_only and "Afspraak: Nagekomen" not in plan_only
    conference_only = _timeline(client, case, kind="conference")
    assert "Veiligheidsplan handhaven" in conference_only
    assert "Veiligheidsplan versie 1 vastgesteld" not in conference_only

    client.force_login(UserFactory(partner=True))  # a stranger: the case does not exist
    assert client.get(reverse("casework:case_timeline", args=[case.pk])).status_code == 404
