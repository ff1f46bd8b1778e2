# SPDX-License-Identifier: EUPL-1.2
"""Browser journeys of issue 16: finding a household from the header search, and
uploading, versioning and downloading a document on the case."""

import datetime
from pathlib import Path

import pytest

from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }


@pytest.mark.django_db(transaction=True)
def test_coordinator_finds_a_household_without_typing_diacritics(page, password):
    coordinator = UserFactory(username="ria", coordinator=True)
    case = CaseFactory(coordinator=coordinator)
    add_person(case, first_name="Ayşe", last_name="Kılıç", date_of_birth=datetime.date(1985, 3, 9))
    hidden = CaseFactory()
    add_person(hidden, first_name="Emre", last_name="Kılıç")

    login(page, "ria", password)
    search = page.get_by_label("Casus zoeken", exact=True)
    search.fill("k")
    search.press("Enter")
    page.get_by_text(
        "Typ ten minste twee tekens om te zoeken."
    ).first.wait_for()  # waits for the page, then must show it
    page.get_by_label("Zoeken", exact=True).fill("kilic")
    page.get_by_role("button", name="Zoeken", exact=True).last.click()
    page.get_by_role("heading", name="1 casus gevonden").first.wait_for()
    page.get_by_role("cell", name="Kılıç").first.wait_for()
    assert page.get_by_text(hidden.reference).count() == 0
    page.get_by_role("link", name=case.reference).click()
    page.get_by_role("heading", name=f"Casus {case.reference}").first.wait_for()
    assert "kilic" not in page.url.lower()


@pytest.mark.django_db(transaction=True)
def test_partner_uploads_a_refused_file_then_a_pdf_and_a_new_version(page, password, tmp_path):
    coordinator = UserFactory(username="ria", coordinator=True)
    case = CaseFactory(coordinator=coordinator)
    UserFactory(username="agent", organisation=case.registering_organisation, partner=True)
    fake = tmp_path / "rapport.pdf"
    fake.write_bytes(b"MZ\x90\x00 this is no pdf")
    real = tmp_path / "rapport-echt.pdf"
    real.write_bytes(PDF)

    login(page, "agent", password)
    page.goto(f"/cases/{case.pk}/")
    page.get_by_role("link", name="Document toevoegen").click()
    page.get_by_label("Titel").fill("Proces-verbaal (fictief)")
    page.get_by_label("Soort document").select_option(label="Politierapport")
    page.get_by_label("Datum van het document").fill("2026-11-20")
    page.get_by_label("Bestand").set_input_files(str(fake))
    page.get_by_role("button", name="Document opslaan").click()
    page.get_by_text(
        "Dit soort bestand wordt niet aangenomen"
    ).first.wait_for()  # waits for the page, then must show it
    assert page.get_by_label("Titel").input_value() == "Proces-verbaal (fictief)"

    page.get_by_label("Bestand").set_input_files(str(real))
    page.get_by_role("button", name="Document opslaan").click()
    page.get_by_role("status").get_by_text("Document toegevoegd.").first.wait_for()
    assert page.url.endswith("#documents")
    page.get_by_role("link", name="Nieuwe versie").click()
    page.get_by_label("Bestand").set_input_files(str(real))
    page.get_by_role("button", name="Versie opslaan").click()
    page.get_by_text(
        "Versie 2 toegevoegd."
    ).first.wait_for()  # waits for the page, then must show it
    with page.expect_download() as info:
        page.get_by_role("link", name="Versie 1").click()
    download = info.value
    assert download.suggested_filename.startswith(f"{case.reference}-document-")
    assert Path(download.path()).read_bytes() == PDF
