# SPDX-License-Identifier: EUPL-1.2
"""Documents on a case (issue 16): content-checked uploads, versions, confidentiality,
downloads that check access, are logged and are not cached."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import Action, AuditEntry
from casework.models import Confidentiality
from documents.models import Document, DocumentVersion
from documents.services import document_add_version, document_upload
from tests.access.helpers import ROLES, case_with_team, member_in_role, user_in_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }


def _upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def _form(**overrides):
    data = {
        "title": "Beschikking huisverbod (fictief)",
        "kind": "huisverbod_decision",
        "document_date": "2026-11-20",
        "confidentiality": "team",
    }
    data.update(overrides)
    return data


def _post(client, user, case, name, content, **overrides):
    client.force_login(user)
    return client.post(
        reverse("documents:document_create", args=[case.pk]),
        {**_form(**overrides), "file": _upload(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content"), [("besluit.pdf", PDF), ("foto.png", PNG), ("brief.docx", _docx())]
)
def test_a_member_uploads_accepted_types_and_returns_to_documents(client, name, content):
    team = case_with_team()
    response = _post(client, member_in_role(team, "partner"), team.case, name, content)
    assert response.status_code == 302
    assert response["Location"].endswith("#documents")
    html = client.get(response["Location"]).content.decode()
    assert "Document toegevoegd." in html
    assert "Beschikking huisverbod (fictief)" in html
    version = DocumentVersion.objects.get()
    assert version.file.read() == content
    assert team.person.first_name not in version.file.name


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00" + b"\x00" * 20, "Dit soort bestand wordt niet aangenomen"),
        ("rapport.pdf", b"MZ\x90\x00 not a pdf", "Dit soort bestand wordt niet aangenomen"),
        ("rapport.docx", PDF, "De inhoud van het bestand past niet bij de naam (.docx)"),
        ("rapport.pdf", PNG, "De inhoud van het bestand past niet bij de naam (.pdf)"),
        ("leeg.pdf", b"", "Het bestand is leeg."),
    ],
)
def test_refused_files_get_a_dutch_message_and_keep_the_rest(client, name, content, message):
    team = case_with_team()
    response = _post(client, team.case.coordinator, team.case, name, content)
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert 'value="Beschikking huisverbod (fictief)"' in html
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused(client, settings):
    settings.DOCUMENT_MAX_UPLOAD_BYTES = 1000
    team = case_with_team()
    response = _post(client, team.case.coordinator, team.case, "groot.pdf", PDF + b"0" * 2000)
    assert "Het bestand is te groot" in response.content.decode()
    assert not Document.objects.exists()


def test_new_versions_keep_the_old_ones(client):
    team = case_with_team()
    coordinator = team.case.coordinator
    document = document_upload(
        actor=coordinator,
        case=team.case,
        title="Politierapport",
        kind="police_report",
        document_date=team.case.registered_at.date(),
        file=_upload("a.pdf", PDF),
    )
    client.force_login(coordinator)
    url = reverse("documents:version_create", args=[team.case.pk, document.pk])
    response = client.post(url, {"file": _upload("b.pdf", PDF + b"% v2\n")})
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Versie 2 toegevoegd." in html
    first, second = document.versions.order_by("number")
    assert first.file.read() == PDF
    assert second.file.read() == PDF + b"% v2\n"
    assert "Versie 1" in html and "Versie 2" in html


def test_download_checks_access_is_logged_and_not_cached(client):
    team = case_with_team()
    document = document_upload(
        actor=team.case.coordinator,
        case=team.case,
        title="Risicotaxatie",
        kind="risk_assessment",
        document_date=team.case.registered_at.date(),
        file=_upload("r.pdf", PDF),
        person=team.person,
    )
    version = document.versions.get()
    url = reverse("documents:download", args=[team.case.pk, document.pk, version.pk])
    member = member_in_role(team, "partner")
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert team.person.last_name not in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    entry = AuditEntry.objects.filter(action=Action.EXPORT, case_id=team.case.pk).get()
    assert entry.object_id == str(version.pk)
    assert str(team.person.pk) in entry.person_ids
    for role in ROLES:
        client.force_login(user_in_role(role))
        assert client.get(url).status_code == 404, role


def test_confidential_documents_are_invisible_and_undownloadable(client):
    team = case_with_team()
    police = team.case.registering_organisation
    officer = UserFactory(organisation=police, partner=True)
    document = document_upload(
        actor=officer,
        case=team.case,
        title="Proces-verbaal alleen politie",
        kind="police_report",
        document_date=team.case.registered_at.date(),
        file=_upload("pv.pdf", PDF),
        confidentiality=Confidentiality.ORGANISATION,
    )
    version = document.versions.get()
    url = reverse("documents:download", args=[team.case.pk, document.pk, version.pk])
    page = reverse("casework:case_detail", args=[team.case.pk])
    for user in [member_in_role(team, "partner"), team.case.coordinator]:
        client.force_login(user)
        assert "Proces-verbaal alleen politie" not in client.get(page).content.decode()
        assert client.get(url).status_code == 404
    client.force_login(UserFactory(organisation=police, partner=True))
    assert "Proces-verbaal alleen politie" in client.get(page).content.decode()
    assert client.get(url).status_code == 200


def test_others_cannot_upload(client):
    team = case_with_team()
    url = reverse("documents:document_create", args=[team.case.pk])
    official = member_in_role(team, "municipality_official")
    client.force_login(official)
    assert client.post(url, {**_form(), "file": _upload("a.pdf", PDF)}).status_code == 404
    assert (
        url not in client.get(reverse("casework:case_detail", args=[team.case.pk])).content.decode()
    )
    assert not Document.objects.exists()


def test_a_new_version_by_someone_who_may_not_read_it_is_refused(client):
    team = case_with_team()
    police = team.case.registering_organisation
    officer = UserFactory(organisation=police, partner=True)
    document = document_upload(
        actor=officer,
        case=team.case,
        title="Alleen politie",
        kind="police_report",
        document_date=team.case.registered_at.date(),
        file=_upload("pv.pdf", PDF),
        confidentiality=Confidentiality.ORGANISATION,
    )
    client.force_login(member_in_role(team, "partner"))
    url = reverse("documents:version_create", args=[team.case.pk, document.pk])
    assert client.post(url, {"file": _upload("b.pdf", PDF)}).status_code == 404
    assert document.versions.count() == 1
    document_add_version(actor=officer, document=document, file=_upload("c.pdf", PDF))
    assert document.versions.count() == 2


@pytest.mark.parametrize("documents", [1, 8])
def test_case_page_query_count_with_documents(client, django_assert_max_num_queries, documents):
    team = case_with_team()
    for n in range(documents):
        document = document_upload(
            actor=team.case.coordinator,
            case=team.case,
            title=f"Brief {n}",
            kind="letter",
            document_date=team.case.registered_at.date(),
            file=_upload("a.pdf", PDF),
        )
        document_add_version(
            actor=team.case.coordinator, document=document, file=_upload("b.pdf", PDF)
        )
    client.force_login(team.case.coordinator)
    url = reverse("casework:case_detail", args=[team.case.pk])
    client.get(url)  # the first view after the uploads rebuilds the timeline
    with django_assert_max_num_queries(23):
        response = client.get(url)
    assert response.content.decode().count("Versie 2") == documents
