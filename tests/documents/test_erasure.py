# SPDX-License-Identifier: EUPL-1.2
"""Anonymisation and retention cover documents (issue 16): every stored file of every
version leaves the storage once the anonymisation commits — never before, so a rollback
keeps them — each deletion is in the access log, and a file the storage failed to delete
goes on the next daily run."""

import datetime
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from casework.services.phases import case_transition, closure_decide, closure_request
from documents.models import Document, DocumentVersion
from documents.services import document_add_version, document_files_delete, document_upload
from privacy.models import Anonymisation
from privacy.services import case_anonymise, retention_anonymise_due
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
TERM = 30


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.CASUSREGIE_RETENTION_DAYS = TERM
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }


def _later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)


def _closed_case_with_documents():
    """A closed case with two documents, one of them in two versions (fake data)."""
    case = ready_to_start(CaseFactory())
    person = add_person(case, first_name="Kees", last_name="Pleegmans", roles=["perpetrator"])
    coordinator = case.coordinator
    first = document_upload(
        actor=coordinator, case=case, title="Aangifte tegen Kees Pleegmans",
        kind="police_report", document_date=timezone.localdate(), person=person,
        file=SimpleUploadedFile("aangifte-pleegmans.pdf", PDF),
    )  # fmt: skip
    document_add_version(
        actor=coordinator, document=first,
        file=SimpleUploadedFile("aangifte-pleegmans-v2.pdf", PDF + b"% v2\n"),
    )  # fmt: skip
    document_upload(
        actor=coordinator, case=case, title="Brief aan Pleegmans", kind="letter",
        document_date=timezone.localdate(), file=SimpleUploadedFile("brief.pdf", PDF),
    )  # fmt: skip
    case_transition(case=case, name="start", actor=coordinator, reason="Code Rood tafel")
    closure_request(actor=coordinator, case=case, reason="goals_reached", summary="Veilig.")
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    closure_decide(actor=manager, case=case, approve=True, reason="Doelen bereikt")
    case.refresh_from_db()
    versions = list(DocumentVersion.objects.filter(document__case=case).order_by("pk"))
    assert len(versions) == 3
    stored = [(v.file.storage, v.file.name) for v in versions]
    assert all(storage.exists(name) for storage, name in stored)
    return case, stored


def test_anonymisation_deletes_every_stored_file_after_commit_and_logs_it(
    django_capture_on_commit_callbacks,
):
    case, stored = _closed_case_with_documents()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        case_anonymise(case=case, now=_later(TERM + 1))
        # Not before the commit: until then the files are all still there.
        assert all(storage.exists(name) for storage, name in stored)
    for callback in callbacks:
        callback()
    assert not any(storage.exists(name) for storage, name in stored)
    # The rows stay (counted), without a title, a file name, a hash or a stored file.
    assert Document.objects.filter(case=case).count() == 2
    versions = DocumentVersion.objects.filter(document__case=case)
    assert versions.count() == 3
    assert set(versions.values_list("file", "original_name", "sha256")) == {
        ("", "[geanonimiseerd]", "")
    }
    assert set(Document.objects.filter(case=case).values_list("title", flat=True)) == {
        "[geanonimiseerd]"
    }
    deletions = AuditEntry.objects.filter(
        case_id=case.pk, action=Action.DELETE, object_type="documents.DocumentVersion"
    )
    assert sorted(deletions.values_list("object_id", flat=True)) == sorted(
        str(pk) for pk in versions.values_list("pk", flat=True)
    )
    assert set(deletions.values_list("username", "purpose")) == {
        ("systeem:bewaartermijn", "Documentbestand verwijderd uit de opslag")
    }


def test_a_rolled_back_anonymisation_keeps_the_files(django_capture_on_commit_callbacks):
    case, stored = _closed_case_with_documents()
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        mock.patch("privacy.services.plan_text_erase", side_effect=RuntimeError("kapot")),
        pytest.raises(RuntimeError),
    ):
        case_anonymise(case=case, now=_later(TERM + 1))
    assert callbacks == []
    assert all(storage.exists(name) for storage, name in stored)
    assert not Anonymisation.objects.filter(case=case).exists()
    assert not DocumentVersion.objects.filter(document__case=case, file="").exists()
    assert Document.objects.filter(case=case, title="Brief aan Pleegmans").exists()


def test_a_storage_failure_keeps_the_anonymisation_and_the_next_run_deletes_the_file(
    client, django_capture_on_commit_callbacks
):
    case, stored = _closed_case_with_documents()
    storage = stored[0][0]
    with (
        mock.patch.object(type(storage), "delete", side_effect=OSError("opslag weg")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert retention_anonymise_due(now=_later(TERM + 1)) == 1
    assert Anonymisation.objects.filter(case=case).exists()
    assert all(storage.exists(name) for storage, name in stored)
    # Until then the file is not served: an erased version has no hash.
    version = DocumentVersion.objects.filter(document__case=case).first()
    client.force_login(case.coordinator)
    url = reverse("documents:download", args=[case.pk, version.document_id, version.pk])
    assert client.get(url).status_code == 404
    assert DocumentVersion.objects.filter(document__case=case).exclude(file="").count() == 3
    # The next daily run deletes them, and a run after that has nothing left to do.
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_anonymise_due(now=_later(TERM + 2)) == 0
    assert not any(storage.exists(name) for storage, name in stored)
    assert not DocumentVersion.objects.filter(document__case=case).exclude(file="").exists()
    every = DocumentVersion.objects.filter(document__case=case).values_list("pk", flat=True)
    assert document_files_delete(version_ids=every, username="systeem:bewaartermijn") == 0


def test_after_anonymisation_the_case_page_says_the_file_is_gone_and_download_is_404(
    client, django_capture_on_commit_callbacks
):
    case, _stored = _closed_case_with_documents()
    version = DocumentVersion.objects.filter(document__case=case).first()
    with django_capture_on_commit_callbacks(execute=True):
        case_anonymise(case=case, now=_later(TERM + 1))
    client.force_login(case.coordinator)
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "(bestand verwijderd)" in page
    assert reverse("documents:download", args=[case.pk, version.document_id, version.pk]) not in (
        page
    )
    response = client.get(
        reverse("documents:download", args=[case.pk, version.document_id, version.pk])
    )
    assert response.status_code == 404
