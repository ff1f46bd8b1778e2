# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models.incidents import Confidentiality


class CaseNote(models.Model):
    """A short contact note in the case's journal (journaal), with the same
    confidentiality levels as incidents. Notes are never edited or deleted: a correction
    is a new note."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="notes")
    text = models.TextField(_("notitie"))
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
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("journaalnotitie")
        verbose_name_plural = _("journaal")
        indexes = [models.Index(fields=["case", "created_at"], name="casework_note_case_when")]
