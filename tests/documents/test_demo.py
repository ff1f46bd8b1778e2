# SPDX-License-Identifier: EUPL-1.2
"""The demo world shows issue 16's features and can be loaded twice."""

import pytest
from django.core.management import call_command

from casework.models import CaseNote, Person, PersonLink
from documents.models import Document, DocumentVersion


@pytest.fixture(autouse=True)
def _storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }


@pytest.mark.django_db
def test_demo_data_has_documents_notes_and_a_repeat_and_is_idempotent():
    call_command("load_demo_data")
    counts = (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        CaseNote.objects.count(),
        PersonLink.objects.count(),
    )
    # Two links: the repeat referral (issue 16) and Ingrid back within 12 months (outcomes).
    assert counts == (2, 3, 2, 2)
    assert Person.objects.filter(search_name__contains="kilic").count() == 3
    call_command("load_demo_data")
    assert counts == (
        Document.objects.count(),
        DocumentVersion.objects.count(),
        CaseNote.objects.count(),
        PersonLink.objects.count(),
    )
