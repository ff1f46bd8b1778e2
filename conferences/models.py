# SPDX-License-Identifier: EUPL-1.2
"""Case conferences (overleg): the Code Rood table, MDA++ meetings and urgent conferences.

A conference discusses several cases; each case's part (agenda, notes, decisions, actions)
is visible only to the organisations taking part in that case.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ConferenceKind(models.TextChoices):
    CODE_ROOD = "code_rood", _("Wekelijkse Code Rood-tafel")
    MDA = "mda", _("MDA++-overleg")
    URGENT = "urgent", _("Spoedoverleg (binnen 24 uur)")


class CaseConference(models.Model):
    kind = models.CharField(_("soort overleg"), max_length=20, choices=ConferenceKind.choices)
    starts_at = models.DateTimeField(_("datum en tijd"))
    duration_minutes = models.PositiveSmallIntegerField(_("duur (minuten)"), default=90)
    location = models.CharField(_("locatie"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    held_at = models.DateTimeField(_("gehouden op"), null=True, blank=True)
    minutes_adopted_at = models.DateTimeField(_("verslag vastgesteld op"), null=True, blank=True)
    minutes_adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # iCalendar: SEQUENCE of the invite, raised by every change of time or place, so the
    # participants' calendars replace the event instead of adding a second one.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    cancelled_at = models.DateTimeField(_("geannuleerd op"), null=True, blank=True)
    invited_organisations = models.ManyToManyField(
        "accounts.Organisation", related_name="+", verbose_name=_("uitgenodigde organisaties")
    )
    invited_users = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="+",
        blank=True,
        verbose_name=_("uitgenodigde professionals"),
    )

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("overleg")
        verbose_name_plural = _("overleggen")
        indexes = [models.Index(fields=["starts_at"], name="conferences_conference_start")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"

    @property
    def is_frozen(self) -> bool:
        return self.minutes_adopted_at is not None


class ConferenceCase(models.Model):
    """One case's part of a conference: its agenda, notes, decisions and actions."""

    conference = models.ForeignKey(CaseConference, on_delete=models.CASCADE, related_name="parts")
    case = models.ForeignKey(
        "casework.Case", on_delete=models.PROTECT, related_name="conference_parts"
    )
    position = models.PositiveSmallIntegerField(default=0)
    notes = models.TextField(_("aantekeningen"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "case"], name="conferences_part_once_per_case"
            )
        ]


class AgendaKind(models.TextChoices):
    NEW_CASE = "new_case", _("Nieuwe casus")
    NEW_INCIDENT = "new_incident", _("Nieuw incident")
    OVERDUE = "overdue", _("Verlopen of niet nagekomen afspraak")
    SCALE_DROP = "scale_drop", _("Veiligheidsschaal gedaald")
    ESCALATION = "escalation", _("Openstaande escalatie")
    HUISVERBOD = "huisverbod", _("Huisverbod: termijn binnen 7 dagen")
    PERPETRATOR = "perpetrator", _("Plegerspoor: vrijlating of einde voorwaarde nadert")
    CLOSURE = "closure", _("Verzoek tot afsluiten")
    CUSTOM = "custom", _("Eigen agendapunt")


class AgendaPoint(models.Model):
    part = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=AgendaKind.choices)
    text = models.CharField(_("agendapunt"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("Aanwezig")
        ABSENT = "absent", _("Afwezig")
        EXCUSED = "excused", _("Afgemeld")

    conference = models.ForeignKey(
        CaseConference, on_delete=models.CASCADE, related_name="attendance"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "organisation"], name="conferences_attendance_once"
            )
        ]


class Decision(models.Model):
    class Proposal(models.TextChoices):
        NONE = "none", _("Geen")
        TRANSITION = "transition", _("Faseovergang")
        PLAN_CHANGE = "plan_change", _("Wijziging van het veiligheidsplan")

    part = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("besluit"))
    proposal = models.CharField(
        _("voorstel"), max_length=20, choices=Proposal.choices, default=Proposal.NONE
    )
    proposed_transition = models.CharField(_("voorgestelde overgang"), max_length=40, blank=True)
    carried_out_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["recorded_at", "pk"]


class Action(models.Model):
    part = models.ForeignKey(ConferenceCase, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=300)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eigenaar (persoon)"),
    )
    due_date = models.DateField(_("uiterste datum"))
    # Issue 20: an action works on Top-3 risk items (the links live in the safety plan,
    # safetyplan.ActionRisk) or says here why it works on none. Both empty: recorded before
    # issue 20 ("niet vastgelegd").
    no_risk_reason = models.TextField(_("geen risico-item, omdat"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date", "pk"]
