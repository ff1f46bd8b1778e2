# SPDX-License-Identifier: EUPL-1.2
"""The perpetrator's track (plegerspoor): conditions imposed on a person with the role
pleger, custody and release, and breaches of a condition (issue 20).

Every item carries a confidentiality level like an incident (casework.Confidentiality):
the whole case team, one sector (justice: police, OM, probation), or the organisation that
recorded it. A breach is also an incident of the case, at the same level.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.models import Confidentiality


class ConditionKind(models.TextChoices):
    CONTACT_BAN = "contact_ban", _("Contactverbod")
    AREA_BAN = "area_ban", _("Gebiedsverbod")
    REPORTING_DUTY = "reporting_duty", _("Meldplicht")
    TREATMENT = "treatment", _("Behandelverplichting")


class ImposedBy(models.TextChoices):
    COURT = "court", _("Rechter")
    PROSECUTOR = "prosecutor", _("Openbaar Ministerie")
    MAYOR = "mayor", _("Burgemeester")
    PROBATION = "probation", _("Reclassering")


class TrackItem(models.Model):
    """What every item of the track has: case, person, level, who recorded it."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(
        "casework.Person", on_delete=models.CASCADE, related_name="+", verbose_name=_("pleger")
    )
    confidentiality = models.CharField(
        _("vertrouwelijkheid"),
        max_length=20,
        choices=Confidentiality.choices,
        default=Confidentiality.TEAM,
    )
    # With SECTOR: the accounts.Sector that may read it (besides the coordinator).
    sector = models.CharField(_("sector"), max_length=20, blank=True)
    # The name casework.selectors.incident_visibility_q() filters on.
    reported_by_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("vastgelegd door organisatie"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Condition(TrackItem):
    """A condition imposed on the perpetrator (contact ban, area ban, reporting duty,
    treatment obligation), by whom, from when until when (open-ended when unknown)."""

    kind = models.CharField(_("soort voorwaarde"), max_length=20, choices=ConditionKind.choices)
    imposed_by = models.CharField(_("opgelegd door"), max_length=20, choices=ImposedBy.choices)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    details = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("voorwaarde")
        verbose_name_plural = _("voorwaarden")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="perpetrator_condition_ends_after_start",
            )
        ]
        indexes = [models.Index(fields=["case", "starts_on"], name="perpetrator_condition_case")]

    def __str__(self) -> str:
        return str(self.get_kind_display())


class Custody(TrackItem):
    """Custody (detention) of the perpetrator and the expected date of release."""

    custody_on = models.DateField(_("in hechtenis sinds"))
    release_on = models.DateField(_("verwachte datum van vrijlating"), null=True, blank=True)
    details = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-custody_on", "-pk"]
        verbose_name = _("hechtenis")
        verbose_name_plural = _("hechtenissen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(release_on__isnull=True)
                | models.Q(release_on__gte=models.F("custody_on")),
                name="perpetrator_custody_release_after_custody",
            )
        ]
        indexes = [models.Index(fields=["case", "custody_on"], name="perpetrator_custody_case")]

    def __str__(self) -> str:
        return str(_("Hechtenis"))


class Breach(TrackItem):
    """A breach of a condition. It is recorded as an incident of the case as well (same
    level), so the agenda, the timeline and the relapse guard know of it."""

    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, related_name="breaches", verbose_name=_("voorwaarde")
    )
    occurred_at = models.DateTimeField(_("datum en tijd van de overtreding"))
    description = models.TextField(_("wat is er gebeurd"))
    incident = models.OneToOneField("casework.Incident", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        verbose_name = _("overtreding")
        verbose_name_plural = _("overtredingen")
        indexes = [models.Index(fields=["case", "occurred_at"], name="perpetrator_breach_case")]

    def __str__(self) -> str:
        return str(_("Overtreding"))
