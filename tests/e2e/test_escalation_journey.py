# SPDX-License-Identifier: EUPL-1.2
"""A manager opens the escalation queue, decides on an overdue item, and sees the decision
in the case timeline."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from deadlines.models import Deadline, Escalation
from deadlines.services.escalations import escalations_raise
from deadlines.services.sync import deadline_sync
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


@pytest.mark.django_db(transaction=True)
def test_manager_decides_on_an_escalation_from_the_queue(page, password):
    case = CaseFactory()
    veilig_thuis = add_partner(case, OrganisationKind.VEILIG_THUIS, name="Veilig Thuis Demo")
    source = add_person(case)
    deadline = deadline_sync(
        case=case,
        kind="agreement",
        source=source,
        title="Veiligheidsgesprek met het gezin",
        owner_organisation=veilig_thuis,
        due_date=timezone.localdate() - datetime.timedelta(days=8),
    )
    escalations_raise(now=timezone.now())
    UserFactory(
        username="mila",
        first_name="Mila",
        last_name="Manager",
        role="manager",
        organisation=case.coordinator.organisation,
    )

    login(page, "mila", password)
    page.get_by_role("navigation").get_by_role("link", name="Escalaties 1").click()
    row = page.get_by_role("row").filter(has_text="Veiligheidsgesprek met het gezin")
    assert "8 dagen" in row.inner_text()
    assert "Veilig Thuis Demo" in row.inner_text()
    row.get_by_role("link", name=f"Besluiten over {case.reference}").click()

    # Without a date the new date is refused in Dutch on the page, the reason stays.
    page.get_by_role("radio", name="Nieuwe datum accepteren").check()
    page.get_by_label("Toelichting").fill("Gezin was op vakantie; gesprek is ingepland.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_text(
        "Vul de nieuwe datum in."
    ).first.wait_for()  # waits for the page, then must show it
    assert (
        page.get_by_label("Toelichting").input_value()
        == "Gezin was op vakantie; gesprek is ingepland."
    )
    new_date = timezone.localdate() + datetime.timedelta(days=5)
    page.get_by_label("Nieuwe datum (bij nieuwe datum accepteren)").fill(new_date.isoformat())
    page.get_by_role("button", name="Besluit vastleggen").click()

    page.get_by_text("Er wachten geen escalaties op uw besluit.").wait_for()
    deadline.refresh_from_db()
    assert deadline.due_date == new_date
    assert Escalation.objects.get().decided_by.username == "mila"

    page.goto(f"/cases/{case.pk}/")
    timeline = page.locator("ol.timeline")
    assert "Besluit over escalatie: Nieuwe datum accepteren" in timeline.inner_text()
    assert "gesprek is ingepland" in timeline.inner_text()
    assert Deadline.objects.count() == 1
