# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PhaseChange(models.Model):
    """One row per transition of a case's phase or track: who, when, from, to, why."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="history")
    field = models.CharField(_("veld"), max_length=10)  # "phase" or "track"
    transition = models.CharField(_("overgang"), max_length=40)
    from_state = models.CharField(_("van"), max_length=30)
    to_state = models.CharField(_("naar"), max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    reason = models.TextField(_("reden"))
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("fasewijziging")
        verbose_name_plural = _("fasewijzigingen")
        indexes = [models.Index(fields=["case", "at"], name="casework_phasechange_case_at")]
