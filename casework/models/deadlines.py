# SPDX-License-Identifier: EUPL-1.2
"""The deadline engine's one table: every dated obligation on a case, whatever its source.

Safety agreements, evaluation moments (safetyplan) and conference actions keep their own
Deadline row in step through casework.services.deadlines.deadline_sync(); the periodic scan
then needs one indexed query over this table instead of one per source.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    AGREEMENT = "agreement", _("Veiligheidsafspraak")
    ACTION = "action", _("Actie uit overleg")
    EVALUATION = "evaluation", _("Evaluatiemoment")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")


class Deadline(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("soort"), max_length=20, choices=DeadlineKind.choices)
    # The source object, e.g. ("safetyplan.safetyagreement", 12). Not a generic FK: the
    # engine never needs to join back, and sources stay free to live in any app.
    source_type = models.CharField(max_length=60)
    source_id = models.BigIntegerField()
    title = models.CharField(_("omschrijving"), max_length=300)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("eigenaar (organisatie)"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("eigenaar (persoon)"),
    )
    due_date = models.DateField(_("uiterste datum"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="casework_deadline_one_per_source"
            )
        ]
        indexes = [
            # The scan: open deadlines by due date.
            models.Index(
                fields=["due_date"],
                condition=models.Q(status="open"),
                name="casework_deadline_open_due",
            ),
            models.Index(fields=["case", "status", "due_date"], name="casework_deadline_case"),
        ]

    def __str__(self) -> str:
        return self.title
