# SPDX-License-Identifier: EUPL-1.2
"""The contact point's journey: find a person in every case, register one request, get the
copy, record what was done."""

import datetime

import pytest
from django.utils import timezone

from privacy.models import DataSubjectRequest
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person


@pytest.mark.django_db(transaction=True)
def test_log_manager_answers_one_request_for_every_case(page, password):
    first, second = CaseFactory(), CaseFactory()
    add_person(first, date_of_birth=datetime.date(1990, 5, 17))
    add_person(second, date_of_birth=datetime.date(1990, 5, 17))
    UserFactory(username="lars", log_manager=True)

    login(page, "lars", password)
    page.get_by_role("link", name="Verzoeken betrokkenen").click()
    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill("1991-01-01")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_text("Geen betrokkene gevonden met deze naam en geboortedatum.").wait_for()

    # Registering without a person found: refused in Dutch, the description stays.
    page.get_by_label("Omschrijving").fill("Vraagt inzage per brief (fictief)")
    page.get_by_role("button", name="Verzoek registreren").click()
    page.get_by_text("kies ten minste één gevonden betrokkene", exact=False).first.wait_for()
    assert page.get_by_label("Omschrijving").input_value() == "Vraagt inzage per brief (fictief)"

    page.get_by_label("Voornaam").fill("Sanne")
    page.get_by_label("Achternaam").fill("de Vries")
    page.get_by_label("Geboortedatum").fill("1990-05-17")
    page.get_by_role("button", name="Zoeken").click()
    page.get_by_label(f"Sanne de Vries ({first.reference})").check()
    page.get_by_label(f"Sanne de Vries ({second.reference})").check()
    page.get_by_role("button", name="Verzoek registreren").click()

    request = DataSubjectRequest.objects.get()
    page.get_by_role("heading", name=f"Verzoek #{request.pk}", exact=False).wait_for()
    page.get_by_text(first.reference).first.wait_for()  # waits for the page, then must show it
    page.get_by_text(second.reference).first.wait_for()  # waits for the page, then must show it
    due = timezone.localdate() + datetime.timedelta(days=28)
    assert request.due_on >= due

    with page.expect_download() as download:
        page.get_by_role("link", name="Kopie als JSON").click()
    assert download.value.suggested_filename == f"verzoek-{request.pk}.json"

    page.goto(f"/privacy/verzoeken/{request.pk}/")
    page.get_by_label("Wat is gedaan").fill("Kopie per aangetekende post verstuurd (fictief)")
    page.get_by_role("button", name="Vastleggen").click()
    page.get_by_text("Kopie per aangetekende post verstuurd (fictief)").wait_for()
    assert request.steps.count() == 2
