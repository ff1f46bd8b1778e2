# SPDX-License-Identifier: EUPL-1.2
"""Printing (issue 16): the case summary and adopted conference minutes as PDF, showing
only what the user may see."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from casework.models import Confidentiality
from casework.services.cases import incident_record
from casework.services.notes import note_record
from tests.access.helpers import ROLES, case_with_team, member_in_role, user_in_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    """The PDF's text with its line breaks undone: a table cell wraps "Geheime
    politienotitie" where the other columns (a generated name, say) take the width, and a
    search for the words must not depend on that."""
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    return re.sub(r"(\w)- (\w)", r"\1-\2", text)  # a break after a hyphen


def test_case_summary_respects_confidentiality(client):
    team = case_with_team()
    police = team.case.registering_organisation
    # a long name narrows the other columns: the incident and the note wrap (it failed now
    # and then with a generated name, when pypdf's line break stood where a space was)
    officer = UserFactory(
        organisation=police,
        partner=True,
        first_name="Alexandrina Wilhelmina",
        last_name="van den Wittenboer-Oosterhuis",
    )
    from django.utils import timezone

    incident_record(
        actor=officer,
        case=team.case,
        occurred_at=timezone.now(),
        description="Geheim politie-incident",
        confidentiality=Confidentiality.ORGANISATION,
    )
    note_record(
        actor=officer,
        case=team.case,
        text="Geheime politienotitie",
        confidentiality=Confidentiality.ORGANISATION,
    )
    url = reverse("casework:case_summary_pdf", args=[team.case.pk])
    client.force_login(team.case.coordinator)
    response = client.get(url)
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    text = _text(response)
    assert team.case.reference in text
    assert "Geheimstraat" in text  # the coordinator may see the shelter address
    assert "Geheim politie-incident" not in text
    assert "Geheime politienotitie" not in text
    client.force_login(member_in_role(team, "partner"))
    text = _text(client.get(url))
    assert team.person.last_name in text
    assert "Geheimstraat" not in text
    client.force_login(officer)
    text = _text(client.get(url))
    assert "Geheim politie-incident" in text and "Geheime politienotitie" in text
    for role in ROLES:
        client.force_login(user_in_role(role))
        assert client.get(url).status_code == 404, role
