# SPDX-License-Identifier: EUPL-1.2
"""Uploading documents and their new versions. The content decides what a file is."""

import hashlib
import logging
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Confidentiality
from casework.permissions import can_record_incident
from casework.selectors import incidents_visible_to
from casework.services.notes import confidentiality_checked
from documents import filetypes
from documents.models import Document, DocumentKind, DocumentVersion

logger = logging.getLogger(__name__)


def max_upload_bytes() -> int:
    return int(settings.DOCUMENT_MAX_UPLOAD_BYTES)


def file_checked(upload) -> filetypes.FileType:
    """The file's type, or a Dutch ValidationError on the `file` field."""
    limit = max_upload_bytes()
    if upload.size > limit:
        raise ValidationError(
            {
                "file": _("Het bestand is te groot (%(size)s MB); het maximum is %(max)s MB.")
                % {"size": round(upload.size / 1_000_000, 1), "max": round(limit / 1_000_000)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("Het bestand is leeg.")})
    kind = filetypes.detect(upload)
    if kind is None:
        raise ValidationError(
            {
                "file": _(
                    "Dit soort bestand wordt niet aangenomen. Kies een PDF, een Office- of "
                    "OpenDocument-bestand of een afbeelding (PNG, JPEG, GIF, TIFF, WebP)."
                )
            }
        )
    ext = filetypes.extension(upload.name)
    if ext not in kind.extensions:
        raise ValidationError(
            {
                "file": _(
                    "De inhoud van het bestand past niet bij de naam (.%(ext)s): het is een "
                    "%(kind)s-bestand. Controleer of u het juiste bestand kiest."
                )
                % {"ext": ext or "-", "kind": kind.name.upper()}
            }
        )
    return kind


def _store_version(*, document: Document, upload, actor: User, number: int) -> DocumentVersion:
    kind = file_checked(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=upload.name[-200:],
        content_type=kind.content_type,
        size=upload.size,
        sha256=digest.hexdigest(),
        uploaded_by=actor,
    )
    # The file is written first; if the row then fails, the file is removed again. (A
    # transaction rolled back later can leave an orphan file, never a row without a file;
    # docs/architecture.md.)
    version.file.save(str(version.storage_key), upload, save=False)
    try:
        version.save()
    except Exception:
        version.file.storage.delete(version.file.name)
        raise
    return version


def _link_checked(*, actor: User, case: Case, person, incident, huisverbod) -> None:
    if person is not None and person.case_id != case.pk:
        raise ValidationError({"person": _("Deze betrokkene hoort niet bij de casus.")})
    if (
        incident is not None
        and not incidents_visible_to(actor, case).filter(pk=incident.pk).exists()
    ):
        raise ValidationError({"incident": _("Dit incident hoort niet bij de casus.")})
    if huisverbod is not None and huisverbod.case_id != case.pk:
        raise ValidationError({"huisverbod": _("Dit huisverbod hoort niet bij de casus.")})


@transaction.atomic
def document_upload(
    *,
    actor: User,
    case: Case,
    title: str,
    kind: str,
    document_date: date,
    file,
    confidentiality: str = Confidentiality.TEAM,
    person=None,
    incident=None,
    huisverbod=None,
) -> Document:
    if not can_record_incident(actor, case):
        raise PermissionDenied
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; heropen hem eerst."))
    sector = confidentiality_checked(actor=actor, confidentiality=confidentiality)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Kies het soort document.")})
    if not title.strip():
        raise ValidationError({"title": _("Geef het document een titel.")})
    if document_date > timezone.localdate():
        raise ValidationError(
            {"document_date": _("De datum van het document ligt in de toekomst.")}
        )
    _link_checked(actor=actor, case=case, person=person, incident=incident, huisverbod=huisverbod)
    file_checked(file)
    document = Document.objects.create(
        case=case,
        title=title.strip(),
        kind=kind,
        document_date=document_date,
        confidentiality=confidentiality,
        sector=sector,
        organisation=actor.organisation,
        person=person,
        incident=incident,
        huisverbod=huisverbod,
        created_by=actor,
    )
    version = _store_version(document=document, upload=file, actor=actor, number=1)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=version)
    return document


@transaction.atomic
def document_add_version(*, actor: User, document: Document, file) -> DocumentVersion:
    """A new version; the old ones stay and can still be downloaded."""
    document = Document.objects.select_for_update().select_related("case").get(pk=document.pk)
    case = document.case
    if not can_record_incident(actor, case):
        raise PermissionDenied
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; heropen hem eerst."))
    last = document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = _store_version(document=document, upload=file, actor=actor, number=last + 1)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=version)
    return version


# --- erasure (called by the anonymisation in privacy, a room above) ----------------------


def documents_erase(*, case: Case, marker: str, username: str) -> int:
    """Inside the caller's transaction: every document's title and every version's file
    name and hash become `marker` (the hash of a known file would tell it was here); the
    rows stay, so documents are still counted. Every stored file of every version is
    deleted from storage once the transaction commits (a rolled-back anonymisation keeps
    them); `username` names the system in the access log. Returns the number of versions
    whose file is to go."""
    version_ids = list(
        DocumentVersion.objects.filter(document__case=case)
        .exclude(file="")
        .values_list("pk", flat=True)
    )
    Document.objects.filter(case=case).update(title=marker)
    DocumentVersion.objects.filter(document__case=case).update(original_name=marker, sha256="")
    if version_ids:
        # robust: a storage that fails after the commit does not undo the anonymisation;
        # the file keeps its name and the next run of document_files_delete removes it.
        transaction.on_commit(
            lambda: document_files_delete(version_ids=version_ids, username=username),
            robust=True,
        )
    return len(version_ids)


def document_files_delete(*, version_ids, username: str) -> int:
    """Delete the stored files of these versions (all of them, old versions included) and
    forget their names, one version at a time, each with an access-log entry. Idempotent:
    a version whose file is already gone (an empty name) is skipped, a missing file counts
    as deleted. A storage error leaves that version's name for the next run. Returns the
    number deleted."""
    deleted = 0
    versions = (
        DocumentVersion.objects.filter(pk__in=version_ids)
        .exclude(file="")
        .select_related("document__case")
        .order_by("pk")
    )
    for version in versions:
        try:
            version.file.storage.delete(version.file.name)
        except Exception:  # any storage (filesystem, S3) may fail; retried later
            logger.exception("document file not deleted", extra={"version_id": version.pk})
            continue
        with transaction.atomic():
            DocumentVersion.objects.filter(pk=version.pk).update(file="")
            audit_record(
                actor=None,
                action=Action.DELETE,
                case=version.document.case,
                obj=version,
                username=username,
                purpose=_("Documentbestand verwijderd uit de opslag"),
            )
        deleted += 1
    return deleted
