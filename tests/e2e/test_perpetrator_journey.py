# SPDX-License-Identifier: EUPL-1.2
"""Probation records a condition (after a refused end date) and the police a breach; Veilig
Thuis reads the track but records nothing; the coordinator sees the breach as an incident."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.services.cases import membership_add_professional
from deadlines.models import Deadline, DeadlineKind, Reminder
from perpetrator.models import Breach, Condition
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


@pytest.mark.django_db(transaction=True)
def test_probation_and_police_keep_the_perpetrators_track(page, password):
    case = CaseFactory()
    probation_org = add_partner(case, OrganisationKind.PROBATION, name="Reclassering Demo")
    veilig_thuis = add_partner(case, OrganisationKind.VEILIG_THUIS, name="Veilig Thuis Demo")
    ruud = UserFactory(username="ruud", organisation=probation_org)
    piet = UserFactory(username="piet", organisation=case.registering_organisation)
    vera = UserFactory(username="vera", organisation=veilig_thuis)
    for user in (ruud, piet, vera):
        membership_add_professional(actor=case.coordinator, case=case, user=user)
    add_person(case)
    add_person(case, roles=["perpetrator"], first_name="Kees", last_name="Pleger-demo")
    today = timezone.localdate()
    start, end = today - datetime.timedelta(days=3), today + datetime.timedelta(days=40)

    login(page, "ruud", password)
    page.goto(f"/cases/{case.pk}/")
    track = page.get_by_role("region", name="Plegerspoor")
    track.get_by_role("link", name="Voorwaarde vastleggen").click()
    page.get_by_role("radio", name="Contactverbod").check()
    page.get_by_role("radio", name="Rechter").check()
    page.get_by_label("Ingangsdatum").fill(end.isoformat())
    page.get_by_label("Einddatum").fill(start.isoformat())
    page.get_by_label("Toelichting").fill("Geen contact met de ex-partner (fictief).")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text(
        "een voorwaarde kan niet eindigen voordat ze begint"
    ).first.wait_for()  # waits for the page, then must show it
    assert (
        page.get_by_label("Toelichting").input_value()
        == "Geen contact met de ex-partner (fictief)."
    )
    assert page.get_by_role("radio", name="Contactverbod").is_checked()
    page.get_by_label("Ingangsdatum").fill(start.isoformat())
    page.get_by_label("Einddatum").fill(end.isoformat())
    page.get_by_role("button", name="Vastleggen").click()
    track = page.get_by_role("region", name="Plegerspoor")
    assert "Contactverbod" in track.inner_text()
    condition = Condition.objects.get()
    deadline = Deadline.objects.get(kind=DeadlineKind.CONDITION_END, source_id=condition.pk)
    assert Reminder.objects.filter(deadline=deadline).count() == 2

    page.context.clear_cookies()
    login(page, "piet", password)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("region", name="Plegerspoor").get_by_role(
        "link", name="Overtreding vastleggen"
    ).click()
    page.get_by_label("Overtreden voorwaarde").select_option(str(condition.pk))
    before = (today - datetime.timedelta(days=5)).isoformat() + "T21:00"
    page.get_by_label("Datum en tijd van de overtreding").fill(before)
    page.get_by_label("Wat is er gebeurd").fill("Stond voor de deur (fictief).")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text(
        "ligt vóór de ingangsdatum van de voorwaarde"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_label("Wat is er gebeurd").input_value() == "Stond voor de deur (fictief)."
    yesterday = (today - datetime.timedelta(days=1)).isoformat() + "T21:00"
    page.get_by_label("Datum en tijd van de overtreding").fill(yesterday)
    page.get_by_role("button", name="Vastleggen").click()
    assert (
        "Stond voor de deur (fictief)."
        in page.get_by_role("region", name="Plegerspoor").inner_text()
    )
    assert Breach.objects.get().incident.case_id == case.pk

    page.context.clear_cookies()
    login(page, "vera", password)
    page.goto(f"/cases/{case.pk}/")
    track = page.get_by_role("region", name="Plegerspoor")
    assert "Contactverbod" in track.inner_text()
    assert track.get_by_role("link", name="Voorwaarde vastleggen").count() == 0
    assert "Overtreding van de voorwaarde Contactverbod" in page.content()
