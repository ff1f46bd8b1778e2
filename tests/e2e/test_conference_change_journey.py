# SPDX-License-Identifier: EUPL-1.2
"""The coordinator moves a conference, then cancels it; the calendar file follows."""

import datetime

import pytest
from django.utils import timezone
from icalendar import Calendar

from conferences import services
from conferences.models import CaseConference
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_coordinator_moves_then_cancels_a_conference(page, live_server, password):
    coordinator = UserFactory(username="ria", coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    organisations = sorted(
        {m.organisation for m in case.memberships.filter(user__isnull=True)}, key=lambda o: o.pk
    )
    conference = services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="ZVH, zaal 1",
        cases=[case],
        organisations=organisations,
    )
    login(page, "ria", password)
    page.goto(f"{live_server.url}/conferences/{conference.pk}/")
    page.get_by_role("link", name="Verplaatsen of annuleren").click()
    page.get_by_label("Locatie").fill("")
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.get_by_text("Vul een locatie in.").first.wait_for()
    page.get_by_label("Locatie").fill("Stadskantoor Almelo")
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.get_by_text("Stadskantoor Almelo").wait_for()
    conference = CaseConference.objects.get()
    assert conference.sequence == 1

    page.get_by_role("link", name="Verplaatsen of annuleren").click()
    page.get_by_role("button", name="Overleg annuleren").click()
    page.get_by_text("Dit overleg is geannuleerd op", exact=False).wait_for()
    with page.expect_download() as download:
        page.get_by_role("link", name="Annulering voor de agenda (iCalendar)").click()
    calendar = Calendar.from_ical(download.value.path().read_bytes())
    assert str(calendar["METHOD"]) == "CANCEL"
    assert page.get_by_role("link", name="Verplaatsen of annuleren").count() == 0


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_time_in_the_double_autumn_hour_asks_which_one_is_meant(page, live_server, password):
    """Issue 12: 31-10-2027 02:30 happens twice; the page asks, keeps what was typed, and
    stores the occurrence chosen (the second one: winter time, 01:30 UTC)."""
    coordinator = UserFactory(username="ria", coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    organisations = sorted(
        {m.organisation for m in case.memberships.filter(user__isnull=True)}, key=lambda o: o.pk
    )
    conference = services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=timezone.now() + datetime.timedelta(days=3),
        location="ZVH, zaal 1",
        cases=[case],
        organisations=organisations,
    )
    login(page, "ria", password)
    page.goto(f"{live_server.url}/conferences/{conference.pk}/wijzigen/")
    page.get_by_label("Locatie").fill("Nachtdienst Hengelo")
    page.locator("input[name=starts_at]").fill("2027-10-31T02:30")
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.get_by_text("komt die nacht twee keer voor", exact=False).first.wait_for()
    assert page.get_by_label("Locatie").input_value() == "Nachtdienst Hengelo"
    page.get_by_label("de tweede keer (CET, wintertijd)").check()
    page.get_by_role("button", name="Wijziging opslaan").click()
    page.get_by_text("Nachtdienst Hengelo").first.wait_for()
    conference.refresh_from_db()
    assert conference.starts_at == datetime.datetime(2027, 10, 31, 1, 30, tzinfo=datetime.UTC)
