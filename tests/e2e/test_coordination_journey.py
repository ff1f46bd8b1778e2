# SPDX-License-Identifier: EUPL-1.2
"""Issue 13: the coordinator hands the case to a coordinator of another ZVH, who finds the
request through the notification bell and accepts; the case is then theirs."""

import pytest

from accounts.models import OrganisationKind
from tests.access.helpers import case_with_team
from tests.e2e.conftest import login
from tests.factories import OrganisationFactory, UserFactory


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordination_is_handed_over_and_accepted(page, live_server, password):
    team = case_with_team()
    team.case.coordinator.username = "ria"
    team.case.coordinator.save()
    other_zvh = OrganisationFactory(name="ZVH IJsselland", kind=OrganisationKind.ZVH)
    UserFactory(
        username="ayse", organisation=other_zvh, coordinator=True, first_name="Ayşe",
        last_name="Kılıç",
    )  # fmt: skip
    login(page, "ria", password)
    page.goto(f"{live_server.url}/cases/{team.case.pk}/")
    page.get_by_role("link", name="Regie overdragen aan een ander ZVH").click()
    page.get_by_role("button", name="Overdracht vragen").click()
    page.get_by_text("Beschrijf waarom de regie wordt overgedragen.").first.wait_for()
    page.get_by_label("Nieuwe procesregisseur").select_option(label="Ayşe Kılıç")
    page.get_by_label("Reden van de overdracht").fill("Het gezin verhuist naar Zwolle.")
    page.get_by_role("button", name="Overdracht vragen").click()
    page.get_by_text("De overdracht van de regie is gevraagd aan", exact=False).wait_for()

    page.context.clear_cookies()
    login(page, "ayse", password)
    page.goto(f"{live_server.url}/notifications/")
    page.get_by_role("link", name="Naar de overdracht van de regie").first.click()
    page.get_by_text("Het gezin verhuist naar Zwolle.").wait_for()
    page.get_by_role("button", name=f"Regie over {team.case.reference} aanvaarden").click()
    page.get_by_text(f"U voert nu de regie over casus {team.case.reference}").wait_for()
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == other_zvh
