# SPDX-License-Identifier: EUPL-1.2
"""Where document files live: the "documents" entry of settings.STORAGES (filesystem
under var/documents by default, an S3-compatible store through django-storages when
DOCUMENTS_STORAGE=s3). Never under STATIC_ROOT or MEDIA_URL: files are only served by
documents.views.document_download, which checks access first."""

from django.core.files.storage import storages


def documents_storage():
    return storages["documents"]


def upload_to(instance, filename: str) -> str:
    # No personal data in the stored name: the case id, the document id and a random key.
    return f"cases/{instance.document.case_id}/{instance.document_id}/{instance.storage_key}"
