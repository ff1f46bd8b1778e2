# SPDX-License-Identifier: EUPL-1.2
"""Issue 12: closing goes through the four-eyes decision only. The coordinator asks; the
manager sees what is still open and can only approve with an explicit acknowledgement,
which the timeline keeps."""

import datetime

import pytest
from django.utils import timezone

from casework.models import Phase
from casework.services.phases import case_transition
from deadlines.models import Deadline, DeadlineKind, Escalation
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_coordinator_asks_and_the_manager_closes_knowing_what_is_open(
    page, live_server, password
):
    coordinator = UserFactory(username="ria", coordinator=True)
    UserFactory(username="mila", manager=True, organisation=coordinator.organisation)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case = case_transition(case=case, name="start", actor=coordinator, reason="Code Rood")
    deadline = Deadline.objects.create(
        case=case, kind=DeadlineKind.ACTION, source_type="conferences.action", source_id=0,
        title="Huisbezoek plannen", owner_organisation=coordinator.organisation,
        due_date=timezone.localdate() - datetime.timedelta(days=10),
    )  # fmt: skip
    Escalation.objects.create(
        case=case, deadline=deadline, due_date=deadline.due_date,
        owner_organisation=coordinator.organisation, raised_at=timezone.now(),
        response_due_at=timezone.now() + datetime.timedelta(days=2),
    )  # fmt: skip

    login(page, "ria", password)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    assert page.get_by_role("link", name="Sluiten", exact=True).count() == 0
    page.get_by_role("link", name="Afsluiten aanvragen").click()
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Schrijf een afsluitende samenvatting.").first.wait_for()
    page.get_by_label("Doelen bereikt").check()
    page.get_by_label("Afsluitende samenvatting").fill("Veiligheid geborgd; zorg loopt door.")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Afsluiten is aangevraagd door", exact=False).wait_for()
    # The one who asked cannot decide.
    assert page.get_by_role("link", name="Besluiten over afsluiten").count() == 0

    page.context.clear_cookies()
    login(page, "mila", password)
    page.goto(f"{live_server.url}/cases/{case.pk}/")
    page.get_by_role("link", name="Besluiten over afsluiten").click()
    page.get_by_text("Nog open bij afsluiten").wait_for()
    page.get_by_text("Escalatie open (niveau 1)", exact=False).first.wait_for()
    page.get_by_label("Goedkeuren: casus afsluiten").check()
    page.get_by_label("Toelichting").fill("Akkoord; de actie gaat naar het wijkteam.")
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Bevestig dat u de casus toch wilt afsluiten", exact=False).first.wait_for()
    assert page.get_by_label("Toelichting").input_value().startswith("Akkoord")
    page.get_by_label("Ik weet wat er nog openstaat en sluit de casus toch af").check()
    page.get_by_role("button", name="Versturen").click()
    page.get_by_text("Bewust afgesloten met open punten", exact=False).first.wait_for()
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED
