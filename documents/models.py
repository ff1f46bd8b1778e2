# SPDX-License-Identifier: EUPL-1.2
"""Documents on a case (issue 16): the huisverbod decision, a police report, a risk
assessment, a letter. A document has versions; a new upload never replaces the old file."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Confidentiality
from documents.storage import documents_storage, upload_to


class DocumentKind(models.TextChoices):
    HUISVERBOD_DECISION = "huisverbod_decision", _("Beschikking huisverbod")
    POLICE_REPORT = "police_report", _("Politierapport")
    RISK_ASSESSMENT = "risk_assessment", _("Risicotaxatie")
    LETTER = "letter", _("Brief")
    OTHER = "other", _("Overig")


class Document(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=30, choices=DocumentKind.choices)
    document_date = models.DateField(_("datum van het document"))
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.TEAM,
    )
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "casework.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("betrokkene"),
    )
    incident = models.ForeignKey(
        "casework.Incident",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("incident"),
    )
    huisverbod = models.ForeignKey(
        "huisverbod.Huisverbod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("huisverbod"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-document_date", "-pk"]
        verbose_name = _("document")
        verbose_name_plural = _("documenten")
        indexes = [models.Index(fields=["case", "document_date"], name="documents_doc_case_date")]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    storage_key = models.CharField(max_length=40, default=uuid.uuid4, editable=False)
    file = models.FileField(storage=documents_storage, upload_to=upload_to, max_length=300)
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("documentversie")
        verbose_name_plural = _("documentversies")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="documents_documentversion_unique_number"
            )
        ]
