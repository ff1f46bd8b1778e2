# SPDX-License-Identifier: EUPL-1.2
"""Outcomes (issue 20): the victim's own rating of their safety, at the start and at
closing. Recurrence within 12 months and the per-year figures are read, not stored
(outcomes.selectors), so they never go stale."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RatingMoment(models.TextChoices):
    START = "start", _("Bij de start (directe veiligheid)")
    CLOSING = "closing", _("Bij afsluiten")


class VictimRating(models.Model):
    """How safe the victim says they feel (0 = not at all, 10 = completely), as told by
    the victim, on a date, to someone. One per victim and moment; recording it again
    replaces it (the access log keeps the history)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "casework.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("slachtoffer")
    )
    moment = models.CharField(_("moment"), max_length=10, choices=RatingMoment.choices)
    score = models.PositiveSmallIntegerField(_("veiligheidsbeleving (0–10)"))
    rated_on = models.DateField(_("datum"))
    asked_by = models.CharField(_("gevraagd door"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case", "person", "moment"]
        verbose_name = _("veiligheidsbeleving van het slachtoffer")
        verbose_name_plural = _("veiligheidsbelevingen van slachtoffers")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "person", "moment"], name="outcomes_victimrating_once"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10),
                name="outcomes_victimrating_score_0_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_moment_display()}: {self.score}"
