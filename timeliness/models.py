# SPDX-License-Identifier: EUPL-1.2
"""Time limits per step (issue 20): the targets and the misses recorded with their reason.

Whether a case met a target is computed from what the lower rooms hold (the registration,
the conferences that discussed it, its phase changes, its plan versions); only a miss is
stored, once, by the deadline scan, so that the coordinator can say why.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Target(models.TextChoices):
    URGENT_DISCUSSED = "urgent_discussed", _("Code Rood besproken in een overleg")
    IMMEDIATE_SAFETY = "immediate_safety", _("Code Rood in directe veiligheid")
    PLAN_ADOPTED = "plan_adopted", _("Eerste planversie vastgesteld")
    WEEKLY_REVIEW = "weekly_review", _("Directe veiligheid wekelijks besproken")


class TargetMiss(models.Model):
    """A target a case did not meet in time. One per (case, target, moment it was due):
    a one-off target is missed once, the weekly review once per missed week."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    target = models.CharField(_("streeftermijn"), max_length=20, choices=Target.choices)
    due_at = models.DateTimeField(_("uiterlijk op"))
    detected_at = models.DateTimeField(_("gemist vastgesteld op"))
    reason = models.TextField(_("reden"), blank=True)
    reason_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reden vastgelegd door"),
    )
    reason_at = models.DateTimeField(_("reden vastgelegd op"), null=True, blank=True)

    class Meta:
        ordering = ["-due_at", "-pk"]
        verbose_name = _("gemiste streeftermijn")
        verbose_name_plural = _("gemiste streeftermijnen")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "target", "due_at"], name="timeliness_targetmiss_once"
            ),
            models.CheckConstraint(
                condition=models.Q(reason="", reason_at__isnull=True)
                | (~models.Q(reason="") & models.Q(reason_at__isnull=False)),
                name="timeliness_targetmiss_reason_dated",
            ),
        ]
        indexes = [
            # The report, newest first; the scan's "already missed" probe per case.
            models.Index(fields=["-due_at", "-id"], name="timeliness_miss_due"),
            models.Index(fields=["case", "target"], name="timeliness_miss_case"),
            # The scan's "misses of this run without a deadline yet".
            models.Index(fields=["detected_at"], name="timeliness_miss_detected"),
        ]

    def __str__(self) -> str:
        return f"{self.get_target_display()} ({self.due_at:%Y-%m-%d})"
