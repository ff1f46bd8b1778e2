# SPDX-License-Identifier: EUPL-1.2
"""Reads of documents that already apply the case's access and confidentiality rules."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext_noop

from casework import permissions
from casework.selectors import case_is_visible, confidentiality_q
from casework.timeline import TimelineEntry
from documents.models import Document, DocumentVersion


def documents_visible_to(user, case) -> QuerySet[Document]:
    """The documents of a visible case this user may read (levels as for incidents)."""
    if not case_is_visible(user, case):
        return Document.objects.none()
    return Document.objects.filter(case=case).filter(
        confidentiality_q(user, organisation_field="organisation_id")
    )


def document_get_for(user, case, pk) -> Document:
    """One readable document of this case, or 404 — like one that does not exist."""
    try:
        return (
            documents_visible_to(user, case)
            .select_related("organisation", "person", "incident", "huisverbod")
            .get(pk=int(pk))
        )
    except (Document.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def version_get_for(user, case, document_pk, version_pk) -> DocumentVersion:
    """One downloadable version, or 404: also when the anonymisation erased it (no hash;
    its file is deleted, or about to be when the storage failed)."""
    document = document_get_for(user, case, document_pk)
    try:
        return (
            document.versions.exclude(file="")
            .exclude(sha256="")
            .select_related("document__case")
            .get(pk=int(version_pk))
        )
    except (DocumentVersion.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def documents_case_section(case, user, now) -> dict:
    documents = list(
        documents_visible_to(user, case)
        .select_related("organisation", "person")
        .prefetch_related(
            Prefetch("versions", queryset=DocumentVersion.objects.select_related("uploaded_by"))
        )
    )
    return {
        "case": case,
        "documents": documents,
        "can_add": not case.is_closed and permissions.can_record_incident(user, case),
    }


def documents_timeline(case) -> list[TimelineEntry]:
    versions = DocumentVersion.objects.filter(document__case=case).select_related(
        "document", "uploaded_by"
    )
    return [
        TimelineEntry(
            version.uploaded_at,
            "document",
            gettext_noop("Document toegevoegd: %(title)s")
            if version.number == 1
            else gettext_noop("Nieuwe versie (%(number)s) van %(title)s"),
            str(version.document.get_kind_display()),
            str(version.uploaded_by),
            params={"title": version.document.title, "number": version.number},
            confidentiality=version.document.confidentiality,
            sector=version.document.sector,
            organisation_id=version.document.organisation_id,
        )
        for version in versions
    ]
