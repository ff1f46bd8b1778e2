# SPDX-License-Identifier: EUPL-1.2
"""One data-subject request covers every case: search, register, copy, steps, log."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from audit.models import AuditEntry
from casework.models import Confidentiality
from casework.services.cases import incident_record
from conferences.models import CaseConference, ConferenceCase, Decision
from privacy.models import DataSubjectRequest
from privacy.services import request_extend, request_register
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person

pytestmark = pytest.mark.django_db

DOB = datetime.date(1990, 5, 17)


@pytest.fixture
def two_cases():
    first, second = CaseFactory(), CaseFactory()
    sanne_1 = add_person(first, confidential_address="Opvang Geheimstraat 7")
    add_person(first, roles=["perpetrator"], first_name="Kees", last_name="Pleegmans")
    sanne_2 = add_person(second, first_name="sanne", last_name="De Vries")
    incident_record(
        actor=first.coordinator,
        case=first,
        occurred_at=timezone.now() - datetime.timedelta(hours=2),
        description="Alleen voor de eigen organisatie (fictief).",
        confidentiality=Confidentiality.ORGANISATION,
    )
    incident_record(
        actor=first.coordinator,
        case=first,
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        description="Ruzie in de keuken (fictief).",
    )
    return first, second, sanne_1, sanne_2


def test_the_contact_point_finds_the_person_in_every_case_and_registers_one_request(
    client, two_cases
):
    first, second, sanne_1, sanne_2 = two_cases
    log_manager = UserFactory(log_manager=True)
    client.force_login(log_manager)
    page = client.post(
        "/privacy/verzoeken/",
        {
            "step": "search",
            "s-first_name": "Sanne",
            "s-last_name": "de vries",
            "s-date_of_birth": "1990-05-17",
        },
    ).content.decode()
    assert first.reference in page and second.reference in page
    response = client.post(
        "/privacy/verzoeken/",
        {
            "r-kind": "access",
            "r-received_on": timezone.localdate().isoformat(),
            "r-persons": [sanne_1.pk, sanne_2.pk],
        },
    )
    request = DataSubjectRequest.objects.get()
    assert response.status_code == 302
    assert set(request.persons.all()) == {sanne_1, sanne_2}
    received = timezone.localdate()
    assert request.due_on > received and (request.due_on - received).days in range(28, 32)
    assert AuditEntry.objects.filter(object_type="privacy.DataSubjectRequest").exists()


def test_a_registration_without_date_of_birth_is_found_and_marked_to_verify(client, two_cases):
    """The date of birth is optional at registration: such a registration of the same name
    is not missed, but marked, so the contact point checks it is the same person."""
    first, second, sanne_1, sanne_2 = two_cases
    third, other = CaseFactory(), CaseFactory()
    unknown = add_person(third, date_of_birth=None)
    add_person(other, date_of_birth=datetime.date(1971, 1, 1))  # same name, another person
    client.force_login(UserFactory(log_manager=True))
    page = client.post(
        "/privacy/verzoeken/",
        {
            "step": "search",
            "s-first_name": "Sanne",
            "s-last_name": "de Vries",
            "s-date_of_birth": "1990-05-17",
        },
    ).content.decode()
    assert first.reference in page and second.reference in page
    assert f"({third.reference}) — geboortedatum niet bekend: eerst nagaan" in page
    assert f'value="{unknown.pk}"' in page
    assert other.reference not in page


def test_the_search_sends_no_name_in_the_url(client, two_cases):
    """A name and a date of birth in a query string end up in server and proxy logs."""
    first, *_ = two_cases
    client.force_login(UserFactory(log_manager=True))
    page = client.get(
        "/privacy/verzoeken/",
        {"s-first_name": "Sanne", "s-last_name": "de Vries", "s-date_of_birth": "1990-05-17"},
    ).content.decode()
    assert first.reference not in page  # a GET does not search
    assert '<form method="post" novalidate><input type="hidden" name="csrfmiddlewaretoken"' in page


def test_a_request_without_an_identified_person_is_refused_in_dutch(client):
    client.force_login(UserFactory(log_manager=True))
    response = client.post(
        "/privacy/verzoeken/",
        {
            "r-kind": "access",
            "r-received_on": timezone.localdate().isoformat(),
            "r-description": "Wil alles zien (fictief).",
        },
    )
    body = response.content.decode()
    assert "kies ten minste één gevonden betrokkene" in body
    assert "Wil alles zien (fictief)." in body
    assert not DataSubjectRequest.objects.exists()


def test_only_the_contact_point_handles_requests(client, two_cases):
    first, *_ = two_cases
    for user in (first.coordinator, UserFactory(partner=True), UserFactory(functional_admin=True)):
        client.force_login(user)
        assert client.get("/privacy/verzoeken/").status_code == 404
    with pytest.raises(PermissionDenied):
        request_register(
            actor=first.coordinator, kind="access", persons=[], received_on=timezone.localdate()
        )


def test_the_copy_covers_every_case_and_lists_what_is_withheld(client, two_cases):
    first, second, sanne_1, sanne_2 = two_cases
    log_manager = UserFactory(log_manager=True)
    request = request_register(
        actor=log_manager,
        kind="access",
        persons=[sanne_1, sanne_2],
        received_on=timezone.localdate(),
    )
    conference = CaseConference.objects.create(
        kind="code_rood",
        starts_at=timezone.now(),
        location="ZVH (fictief)",
        created_by=first.coordinator,
    )
    part = ConferenceCase.objects.create(conference=conference, case=first)
    Decision.objects.create(
        part=part,
        text="Opvangplek voor moeder en kind zoeken (fictief).",
        recorded_by=first.coordinator,
    )
    client.force_login(first.coordinator)
    client.get(f"/cases/{first.pk}/")  # someone saw her data
    client.force_login(log_manager)
    copy = client.get(f"/privacy/verzoeken/{request.pk}/kopie.json").json()
    assert {c["case"] for c in copy["cases"]} == {first.reference, second.reference}
    text = str(copy)
    assert "Opvang Geheimstraat 7" not in text
    assert "Pleegmans" not in text
    assert "Alleen voor de eigen organisatie" not in text
    assert "Ruzie in de keuken (fictief)." in text
    reasons = {w["reason"] for w in copy["withheld"]}
    assert any("opvang" in r.lower() for r in reasons)
    assert any("ander" in r.lower() for r in reasons)
    assert any("bezwaar" in r.lower() for r in reasons)
    first_case = next(c for c in copy["cases"] if c["case"] == first.reference)
    assert first_case["seen_by"] and first_case["history"]
    # The case conference's decisions are part of it (WGS: decisions about the person).
    assert [d["text"] for d in first_case["decisions"] if d["kind"] == "overleg"] == [
        "Opvangplek voor moeder en kind zoeken (fictief)."
    ]
    pdf = client.get(f"/privacy/verzoeken/{request.pk}/kopie.pdf")
    assert pdf.content.startswith(b"%PDF")
    printed = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Sanne" in printed and "Opvangplek voor moeder en kind" in printed
    assert "Opvang Geheimstraat 7" not in printed
    assert request.steps.count() == 2  # both copies recorded against the request
    assert (
        AuditEntry.objects.filter(action="export", object_type="privacy.DataSubjectRequest").count()
        == 2
    )


def test_extension_needs_a_reason_and_moves_the_due_date():
    case = CaseFactory()
    person = add_person(case)
    log_manager = UserFactory(log_manager=True)
    request = request_register(
        actor=log_manager, kind="correction", persons=[person], received_on=timezone.localdate()
    )
    first_due = request.due_on
    with pytest.raises(ValidationError):
        request_extend(actor=log_manager, request=request, reason=" ")
    request_extend(actor=log_manager, request=request, reason="Complex, veel casussen (fictief)")
    assert request.due_on > first_due
    assert request.steps.filter(description__contains="verlengd").exists()


def test_the_contact_point_finds_a_name_typed_without_its_accents(client):
    """Issue 15: a person writes in as "Ayse Kilic"; the registration is "Ayşe Kılıç"."""
    case = CaseFactory()
    ayse = add_person(case, first_name="Ayşe", last_name="Kılıç")
    client.force_login(UserFactory(log_manager=True))
    page = client.post(
        "/privacy/verzoeken/",
        {
            "step": "search",
            "s-first_name": "Ayse",
            "s-last_name": "KILIC",
            "s-date_of_birth": "1990-05-17",
        },
    ).content.decode()
    assert case.reference in page and f'value="{ayse.pk}"' in page
