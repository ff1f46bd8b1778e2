# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Confidentiality(models.TextChoices):
    """Who within the case team may read a piece of case information."""

    TEAM = "team", _("Het hele casusteam")
    SECTOR = "sector", _("Alleen een sector (bijv. justitie)")
    ORGANISATION = "organisation", _("Alleen de eigen organisatie")


class Incident(models.Model):
    """A new unsafe event in the household, recorded by any case member."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="incidents")
    occurred_at = models.DateTimeField(_("datum en tijd van het incident"))
    description = models.TextField(_("wat is er gebeurd"))
    reported_by_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeld door organisatie"),
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.TEAM,
    )
    # With SECTOR: the accounts.Sector that may read it (besides the coordinator).
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    # Old and new value, who and when, of every change (docs/privacy.md: change history).
    changes = HistoricalRecords()

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("incident")
        verbose_name_plural = _("incidenten")
        indexes = [
            models.Index(fields=["case", "occurred_at"], name="casework_incident_case_when"),
        ]
