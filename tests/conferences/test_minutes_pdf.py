# SPDX-License-Identifier: EUPL-1.2
"""Adopted minutes as PDF (issue 16): only once adopted, only the parts of one's cases."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from conferences import services
from tests.conferences.test_conferences import schedule_held
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    assert response["Content-Type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


def test_minutes_pdf_shows_only_the_readers_cases(client):
    coordinator = UserFactory(coordinator=True)
    first = ready_to_start(CaseFactory(coordinator=coordinator))
    second = ready_to_start(CaseFactory(coordinator=coordinator))
    conference = schedule_held(coordinator, [first, second])
    for case, text in [(first, "Besluit over de eerste casus"), (second, "Besluit tweede casus")]:
        services.decision_record(
            actor=coordinator, part=conference.parts.get(case=case), text=text, proposal="none"
        )
    url = reverse("conferences:conference_minutes_pdf", args=[conference.pk])
    client.force_login(coordinator)
    assert client.get(url).status_code == 404  # not adopted yet
    services.minutes_adopt(actor=coordinator, conference=conference)
    text = _text(client.get(url))
    assert "Besluit over de eerste casus" in text and "Besluit tweede casus" in text
    member = UserFactory(organisation=first.registering_organisation, partner=True)
    client.force_login(member)
    response = client.get(url)
    assert "no-store" in response["Cache-Control"]
    text = _text(response)
    assert first.reference in text
    assert "Besluit over de eerste casus" in text
    assert second.reference not in text and "Besluit tweede casus" not in text
    client.force_login(UserFactory(partner=True))
    assert client.get(url).status_code == 404
