# SPDX-License-Identifier: EUPL-1.2
"""Browser journey of issue 16: a partner reads the whole story of a case and narrows it
to the safety plan."""

import pytest

from casework.services.notes import note_record
from safetyplan import services as plan_services
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld


@pytest.mark.django_db(transaction=True)
def test_partner_reads_the_whole_story_and_filters_it_to_the_plan(page, password):
    world = PlanWorld()
    version = world.adopted()
    UserFactory(username="agent", organisation=world.police, partner=True)
    plan_services.plan_acknowledge(actor=world.agent, version=version)

    login(page, "agent", password)
    page.goto(f"/cases/{world.case.pk}/")
    page.get_by_role("link", name="Hele tijdlijn, te filteren op soort").click()
    story = page.get_by_role("list").filter(has_text="Casus aangemeld door")
    story.get_by_text("Veiligheidsplan versie 1 vastgesteld").first.wait_for()
    story.get_by_text(f"{world.police} nam kennis van versie 1").first.wait_for()
    page.get_by_label("Soort gebeurtenis").select_option(label="Veiligheidsplan")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_text(
        "Veiligheidsplan versie 1 vastgesteld"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_text("Casus aangemeld door").count() == 0
    assert "kind=plan" in page.url
    # Persons added are part of the story too (issue 16), and a change made after the
    # first read is there at the next one (the timeline table is rebuilt from its sources).
    person = world.case.persons.first()
    page.get_by_label("Soort gebeurtenis").select_option(label="Personen")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_text(f"Persoon toegevoegd: {person}").first.wait_for()
    note_record(actor=world.agent, case=world.case, text="Gesprek met school (fictief).")
    page.get_by_label("Soort gebeurtenis").select_option(label="Journaal")
    page.get_by_role("button", name="Filteren").click()
    page.get_by_text("Gesprek met school (fictief).").first.wait_for()
