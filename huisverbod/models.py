# SPDX-License-Identifier: EUPL-1.2
"""Tijdelijk huisverbod (Wet tijdelijk huisverbod) and the toetsing that precedes it.

All instants are stored in UTC. The legal terms are wall-clock terms in Europe/Amsterdam:
"10 days after imposition at the same time", so the arithmetic happens in local time with
zoneinfo and is converted back (20 March 14:00 → 30 March 14:00, although the clocks moved
on 29 March and the UTC distance is 239 hours).
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition

from deadlines.clock import local_days_after

INITIAL_DAYS = 10
MAXIMUM_DAYS = 28


def initial_end(imposed_at: datetime) -> datetime:
    return local_days_after(imposed_at, INITIAL_DAYS)


def latest_end(imposed_at: datetime) -> datetime:
    return local_days_after(imposed_at, MAXIMUM_DAYS)


class ToetsingOutcome(models.TextChoices):
    HUISVERBOD = "huisverbod", _("Huisverbod opgelegd")
    NO_HUISVERBOD = "no_huisverbod", _("Geen huisverbod")
    CRISIS_CASE = "crisis_case", _("Geen huisverbod; crisiszaak Veilig Thuis")


class Toetsing(models.Model):
    """The RiHG assessment by the hulpofficier van justitie (in Twente with Veilig Thuis)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="toetsingen")
    assessed_at = models.DateTimeField(_("datum en tijd van de toetsing"))
    participants = models.TextField(_("deelnemers"))
    veilig_thuis_took_part = models.BooleanField(_("Veilig Thuis nam deel"), default=False)
    outcome = models.CharField(_("uitkomst"), max_length=20, choices=ToetsingOutcome.choices)
    notes = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "casework_toetsing"  # kept from before the move to this app
        ordering = ["-assessed_at", "-pk"]
        verbose_name = _("toetsing")
        verbose_name_plural = _("toetsingen")
        indexes = [models.Index(fields=["outcome", "assessed_at"], name="casework_toetsing_count")]


class HuisverbodStatus(models.TextChoices):
    IMPOSED = "imposed", _("Opgelegd")
    EXTENDED = "extended", _("Verlengd")
    ENDED = "ended", _("Beëindigd")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


RUNNING = [HuisverbodStatus.IMPOSED, HuisverbodStatus.EXTENDED]


class ImposingAuthority(models.TextChoices):
    MAYOR = "mayor", _("Burgemeester")
    ASSISTANT_PROSECUTOR = "assistant_prosecutor", _("Hulpofficier van justitie (mandaat)")


class Huisverbod(ConcurrentTransitionMixin, models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="huisverboden")
    toetsing = models.OneToOneField(
        Toetsing,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="huisverbod",
        verbose_name=_("toetsing"),
    )
    person = models.ForeignKey(
        "casework.Person",
        on_delete=models.PROTECT,
        related_name="huisverboden",
        verbose_name=_("opgelegd aan"),
    )
    status = FSMField(
        _("status"),
        default=HuisverbodStatus.IMPOSED,
        choices=HuisverbodStatus.choices,
        protected=True,
    )
    imposed_at = models.DateTimeField(_("opgelegd op"))
    imposed_by = models.CharField(
        _("opgelegd door"), max_length=30, choices=ImposingAuthority.choices
    )
    child_abuse = models.BooleanField(_("reden is (mede) kindermishandeling"), default=False)
    veilig_thuis_consulted = models.BooleanField(_("Veilig Thuis geraadpleegd"), default=False)
    contact_ban_persons = models.ManyToManyField(
        "casework.Person",
        related_name="+",
        blank=True,
        verbose_name=_("contactverbod voor"),
    )
    reachable_address = models.CharField(
        _("adres waar de persoon bereikbaar is"), max_length=200, blank=True
    )
    # The date of birth was unknown: the imposing officer confirmed the person is of age.
    adulthood_confirmed = models.BooleanField(
        _("meerderjarigheid bevestigd door de oplegger"), default=False
    )
    decision_written_on = models.DateField(_("datum schriftelijke beschikking"), null=True)
    ends_at = models.DateTimeField(_("eindigt op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    extended_at = models.DateTimeField(_("verlenging vastgelegd op"), null=True, blank=True)
    extended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    extension_reason = models.TextField(_("toelichting verlenging"), blank=True)
    closed_at = models.DateTimeField(_("beëindigd of ingetrokken op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    withdrawal_reason = models.TextField(_("reden van intrekking"), blank=True)

    class Meta:
        db_table = "casework_huisverbod"  # kept from before the move to this app
        ordering = ["-imposed_at", "-pk"]
        verbose_name = _("tijdelijk huisverbod")
        verbose_name_plural = _("tijdelijke huisverboden")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status__in=["imposed", "extended"]),
                name="casework_huisverbod_one_running_per_person",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("imposed_at")),
                name="casework_huisverbod_ends_after_imposed",
            ),
        ]
        indexes = [
            models.Index(
                fields=["ends_at"],
                condition=models.Q(status__in=["imposed", "extended"]),
                name="casework_hv_running_end",
            ),
            models.Index(fields=["case", "status"], name="casework_huisverbod_case"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id}/{self.pk}"

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING

    @property
    def latest_possible_end(self) -> datetime:
        return latest_end(self.imposed_at)

    @transition(field=status, source=HuisverbodStatus.IMPOSED, target=HuisverbodStatus.EXTENDED)
    def extend(self) -> None:
        pass

    @transition(field=status, source=RUNNING, target=HuisverbodStatus.ENDED)
    def end(self) -> None:
        pass

    @transition(field=status, source=RUNNING, target=HuisverbodStatus.WITHDRAWN)
    def withdraw(self) -> None:
        pass
