# SPDX-License-Identifier: EUPL-1.2
"""The Code Rood table: schedule for three cases, run it, adopt the minutes; a partner
sees only their own case's part."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind
from conferences.models import Action, CaseConference, Decision
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, ready_to_start


@pytest.mark.django_db(transaction=True)
def test_coordinator_runs_the_weekly_code_rood_table(page, password):
    coordinator = UserFactory(username="ria", coordinator=True)
    cases = [ready_to_start(CaseFactory(coordinator=coordinator)) for _ in range(3)]
    shelter = add_partner(cases[2], kind=OrganisationKind.SHELTER, name="Opvang Journey")
    UserFactory(username="olga", organisation=shelter, partner=True)

    login(page, "ria", password)
    page.get_by_role("link", name="Overleggen", exact=True).click()
    page.get_by_role("link", name="Overleg plannen").click()
    page.get_by_label("Wekelijkse Code Rood-tafel").check()
    when = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=10, minute=0)
    page.get_by_label("Datum en tijd").fill(when.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Locatie").fill("ZVH, zaal 1")
    for case in cases:
        page.get_by_label(case.reference, exact=False).check()
    page.get_by_label(cases[0].registering_organisation.name).first.check()
    page.get_by_label("Opvang Journey").check()
    page.get_by_role("button", name="Overleg plannen").click()
    page.get_by_role("heading", name="Wekelijkse Code Rood-tafel", exact=False).first.wait_for()
    conference = CaseConference.objects.get()
    assert conference.parts.count() == 3
    # The agenda was proposed per case (each is a new case).
    assert page.get_by_text("Nieuwe casus: kennismaking en veiligheidstaxatie").count() == 3

    page.locator("#id_attendance-organisation").select_option(label="Opvang Journey")
    page.locator("#id_attendance-status").select_option(label="Aanwezig")
    page.get_by_role("button", name="Aanwezigheid vastleggen").click()

    parts = [conference.parts.get(case=case) for case in cases]
    for part, text in [(parts[0], "Contactverbod handhaven"), (parts[2], "Opvangplek verlengen")]:
        section = page.locator(f"#part-{part.pk}-section")
        # The form is loaded when opened (issue 14): htmx swaps it into the case's section.
        section.get_by_role("link", name="Nieuw besluit").click()
        section.get_by_label("Besluit", exact=True).first.wait_for()
        section.get_by_label("Besluit", exact=True).fill(text)
        section.get_by_role("button", name="Besluit vastleggen").click()
        page.get_by_text(text).first.wait_for()
    due = (timezone.localdate() + datetime.timedelta(days=10)).isoformat()
    for part, text in [
        (parts[0], "Huisbezoek"),
        (parts[1], "Gesprek met school"),
        (parts[2], "Veiligheidscheck opvang"),
    ]:
        if part == parts[1]:
            # Without JavaScript the link opens the form on its own page; after recording,
            # the coordinator is back on the conference page.
            page.goto(reverse("conferences:part_form", args=[conference.pk, part.pk, "action"]))
            page.get_by_role("heading", name=f"Nieuwe actie — {part.case.reference}").wait_for()
        else:
            page.locator(f"#part-{part.pk}-section").get_by_role(
                "link", name="Nieuwe actie"
            ).click()
        section = page.locator(f"#part-{part.pk}-section")
        section.get_by_label("Actie", exact=True).first.wait_for()
        section.get_by_label("Actie", exact=True).fill(text)
        section.get_by_label("Eigenaar (organisatie)").select_option(
            label=part.case.registering_organisation.name
        )
        section.get_by_label("Uiterste datum").fill(due)
        section.get_by_label("Geen risico-item, omdat").fill("Nog geen veiligheidsplan.")
        section.get_by_role("button", name="Actie vastleggen").click()
        page.get_by_text(text).first.wait_for()

    # Minutes are adopted after the meeting: let it have started an hour ago.
    CaseConference.objects.filter(pk=conference.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1)
    )
    page.reload()
    page.get_by_role("button", name="Verslag vaststellen…").click()
    page.get_by_text("Dit wordt bevroren").wait_for()
    assert not CaseConference.objects.get(pk=conference.pk).is_frozen
    page.get_by_role("button", name="Ja, verslag definitief vaststellen").click()
    page.get_by_text("het verslag kan niet meer worden gewijzigd").first.wait_for()
    assert Decision.objects.count() == 2 and Action.objects.count() == 3
    conference.refresh_from_db()
    assert conference.is_frozen

    # The shelter professional sees only the part of the case the shelter takes part in.
    page.context.clear_cookies()
    login(page, "olga", password)
    page.goto(f"/conferences/{conference.pk}/")
    page.get_by_text(cases[2].reference).first.wait_for()  # waits for the page, then must show it
    page.get_by_text(
        "Opvangplek verlengen"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_text(cases[0].reference).count() == 0
    assert page.get_by_text("Contactverbod handhaven").count() == 0
