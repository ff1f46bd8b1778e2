# SPDX-License-Identifier: EUPL-1.2
"""At the Code Rood table the coordinator ties an action to a Top-3 risk item (issue 20):
without one and without a reason the page refuses and keeps what was typed."""

import datetime

import pytest
from django.utils import timezone

from conferences import services
from conferences.models import Action
from safetyplan.models import ActionRisk
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld


@pytest.mark.django_db(transaction=True)
def test_coordinator_records_an_action_tied_to_a_risk_item(page, password):
    coordinator = UserFactory(username="rik", coordinator=True)
    world = PlanWorld(coordinator)
    world.adopted(n_items=2)
    conference = services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=timezone.now() + datetime.timedelta(days=2),
        location="ZVH, zaal 3",
        cases=[world.case],
        organisations=[world.police, world.vt],
    )
    part = conference.parts.get()

    login(page, "rik", password)
    page.goto(f"/conferences/{conference.pk}/")
    section = page.locator(f"#part-{part.pk}-section")
    section.get_by_role("link", name="Nieuwe actie").click()  # loaded on demand (issue 14)
    section.get_by_label("Actie", exact=True).first.wait_for()
    section.get_by_label("Actie", exact=True).fill("Contactverbod controleren")
    section.get_by_label("Eigenaar (organisatie)").select_option(label=world.police.name)
    due = timezone.localdate() + datetime.timedelta(days=7)
    section.get_by_label("Uiterste datum").fill(due.isoformat())
    section.get_by_role("button", name="Actie vastleggen").click()

    # Neither a risk item nor a reason: refused in Dutch, what was typed is still there.
    page.get_by_text("Kies de onveilige situatie(s) uit de Top-3").first.wait_for()
    section = page.locator(f"#part-{part.pk}-section")
    assert section.get_by_label("Actie", exact=True).input_value() == "Contactverbod controleren"
    assert not Action.objects.exists()

    section.get_by_label("2. Situatie 2").check()
    section.get_by_role("button", name="Actie vastleggen").click()
    page.get_by_text("Actie vastgelegd.").first.wait_for()
    page.get_by_text("Werkt aan: 2. Situatie 2").first.wait_for()
    action = Action.objects.get()
    assert list(
        ActionRisk.objects.filter(action=action).values_list("risk__items__title", flat=True)
    ) == ["Situatie 2"]
