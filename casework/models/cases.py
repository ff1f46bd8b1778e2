# SPDX-License-Identifier: EUPL-1.2
"""The case (casus), its phase machine and its track."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from casework import conditions
from casework.permissions import transition_by_coordinator, transition_by_manager


class Phase(models.TextChoices):
    REGISTERED = "registered", _("Aangemeld")
    IMMEDIATE_SAFETY = "immediate_safety", _("Directe veiligheid")
    STABLE_SAFETY = "stable_safety", _("Stabiele veiligheid")
    RECOVERY = "recovery", _("Herstel")
    CLOSED = "closed", _("Afgesloten")


ACTIVE_PHASES = [Phase.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY, Phase.RECOVERY]


class Track(models.TextChoices):
    CODE_ROOD = "code_rood", _("Code Rood")
    MDA = "mda", _("MDA++")


class EscalationCriterion(models.TextChoices):
    ACUTE_DANGER = "acute_danger", _("Acuut gevaar")
    INTIMATE_TERROR = "intimate_terror", _("Intieme terreur")
    THREAT_TO_LIFE = "threat_to_life", _("Levensbedreiging")
    WEAPONS = "weapons", _("Wapens")
    RECENT_ESCALATION = "recent_escalation", _("Recente escalatie")
    REPEATED_INCIDENTS = "repeated_incidents", _("Herhaalde incidenten")


class ClosureReason(models.TextChoices):
    GOALS_REACHED = "goals_reached", _("Doelen bereikt")
    REGULAR_CARE = "regular_care", _("Overgedragen aan reguliere zorg")
    OTHER = "other", _("Anders")


class Case(ConcurrentTransitionMixin, models.Model):
    reference = models.CharField(_("kenmerk"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(editable=False)
    number = models.PositiveIntegerField(editable=False)
    track = FSMField(_("traject"), default=Track.CODE_ROOD, choices=Track.choices, protected=True)
    phase = FSMField(_("fase"), default=Phase.REGISTERED, choices=Phase.choices, protected=True)
    phase_entered_at = models.DateTimeField(_("in deze fase sinds"), default=timezone.now)
    municipality = models.ForeignKey(
        "casework.Municipality", on_delete=models.PROTECT, verbose_name=_("gemeente")
    )
    registering_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="registered_cases",
        verbose_name=_("aanmeldende organisatie"),
    )
    escalation_criteria = models.JSONField(_("criteria voor opschaling"), default=list, blank=True)
    escalation_reason = models.TextField(_("reden van aanmelding"))
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="coordinated_cases",
        verbose_name=_("procesregisseur"),
    )
    # The one ZVH that runs the case: only its coordinators manage it. Any other ZVH
    # taking part is an ordinary partner; coordination moves only by an accepted transfer.
    coordinating_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        related_name="coordinated_cases",
        verbose_name=_("regievoerende organisatie"),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(_("aangemeld op"), auto_now_add=True)

    # Change history (docs/privacy.md). Phase and track have their own history with a
    # reason (PhaseChange); django-fsm's protected fields cannot be copied onto a
    # historical row, so they are left out here.
    changes = HistoricalRecords(excluded_fields=["phase", "track"])

    class Meta:
        ordering = ["-registered_at", "-pk"]
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        permissions = [
            ("manage_case", _("Casus regisseren")),
            ("record_incident", _("Incident registreren")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="casework_case_unique_number"),
        ]
        indexes = [
            models.Index(fields=["phase", "track"], name="casework_case_phase_track"),
            models.Index(fields=["coordinator", "phase"], name="casework_case_coordinator"),
            # the case list's order: the first page is read from the index, not sorted
            models.Index(fields=["-registered_at", "-id"], name="casework_case_registered"),
        ]

    def __str__(self) -> str:
        return self.reference

    # --- phase machine -----------------------------------------------------------------
    @transition(
        field=phase,
        source=Phase.REGISTERED,
        target=Phase.IMMEDIATE_SAFETY,
        conditions=[
            conditions.has_victim,
            conditions.has_two_partner_organisations,
        ],
        permission=transition_by_coordinator,
        custom={"label": _("Start directe veiligheid")},
    )
    def start(self) -> None:
        pass

    @transition(
        field=phase,
        source=Phase.IMMEDIATE_SAFETY,
        target=Phase.STABLE_SAFETY,
        conditions=[conditions.immediate_safety_reached],
        permission=transition_by_coordinator,
        custom={"label": _("Naar stabiele veiligheid")},
    )
    def stabilise(self) -> None:
        pass

    @transition(
        field=phase,
        source=Phase.STABLE_SAFETY,
        target=Phase.RECOVERY,
        conditions=[conditions.care_agreements_in_place, conditions.quiet_period_passed],
        permission=transition_by_coordinator,
        custom={"label": _("Naar herstel")},
    )
    def recover(self) -> None:
        pass

    @transition(
        field=phase,
        source=[Phase.STABLE_SAFETY, Phase.RECOVERY],
        target=Phase.IMMEDIATE_SAFETY,
        conditions=[conditions.new_incident_in_phase],
        permission=transition_by_coordinator,
        custom={"label": _("Terugval naar directe veiligheid")},
    )
    def relapse(self) -> None:
        pass

    @transition(
        field=phase,
        source=ACTIVE_PHASES,
        target=Phase.CLOSED,
        conditions=[conditions.closure_requested],
        permission=transition_by_manager,
        custom={"label": _("Afsluiten goedkeuren")},
    )
    def close(self) -> None:
        pass

    @transition(
        field=phase,
        source=Phase.CLOSED,
        target=Phase.IMMEDIATE_SAFETY,
        permission=transition_by_manager,
        custom={"label": _("Heropenen")},
    )
    def reopen(self) -> None:
        pass

    # --- track -------------------------------------------------------------------------
    @transition(
        field=track,
        source=Track.MDA,
        target=Track.CODE_ROOD,
        permission=transition_by_coordinator,
        custom={"label": _("Opschalen naar Code Rood")},
    )
    def escalate(self) -> None:
        pass

    @transition(
        field=track,
        source=Track.CODE_ROOD,
        target=Track.MDA,
        permission=transition_by_coordinator,
        custom={"label": _("Afschalen naar MDA++")},
    )
    def deescalate(self) -> None:
        pass

    @property
    def is_closed(self) -> bool:
        return self.phase == Phase.CLOSED

    def days_in_phase(self, now=None) -> int:
        return ((now or timezone.now()) - self.phase_entered_at).days


PHASE_TRANSITIONS = ["start", "stabilise", "recover", "relapse", "close", "reopen"]
TRACK_TRANSITIONS = ["escalate", "deescalate"]


class CaseNumberSequence(models.Model):
    """The last number handed out per year; locked while a case is registered (no gaps)."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


class ClosureRequest(models.Model):
    """The coordinator asks to close; a manager (not the requester) approves or refuses."""

    class Status(models.TextChoices):
        PENDING = "pending", _("In behandeling")
        APPROVED = "approved", _("Goedgekeurd")
        REFUSED = "refused", _("Geweigerd")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_requests")
    reason = models.CharField(
        _("reden van afsluiten"), max_length=20, choices=ClosureReason.choices
    )
    summary = models.TextField(_("afsluitende samenvatting"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("toelichting op het besluit"), blank=True)
    # What was still open when the manager approved anyway, one sentence a line: the
    # explicit acknowledgement, kept with the decision and shown in the timeline.
    acknowledged_open_items = models.TextField(_("bewust afgesloten met open punten"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("verzoek tot afsluiten")
        verbose_name_plural = _("verzoeken tot afsluiten")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="casework_closurerequest_one_pending",
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="casework_closurerequest_four_eyes",
            ),
        ]


class CoordinationTransfer(models.Model):
    """Handing coordination of a case to another ZVH: asked by the case's coordinator with a
    reason, effective only when the named coordinator of the receiving ZVH accepts."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op aanvaarding")
        ACCEPTED = "accepted", _("Aanvaard")
        DECLINED = "declined", _("Geweigerd")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="coordination_transfers")
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    to_coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("nieuwe procesregisseur"),
    )
    reason = models.TextField(_("reden van overdracht"))
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("overdracht van regie")
        verbose_name_plural = _("overdrachten van regie")
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="pending"),
                name="casework_coordinationtransfer_one_pending",
            ),
        ]


class CaseUserObjectPermission(UserObjectPermissionBase):
    """Direct foreign-key object permissions for users (no generic FK on the hot path)."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)


class CaseGroupObjectPermission(GroupObjectPermissionBase):
    """Direct foreign-key object permissions for organisation groups."""

    content_object = models.ForeignKey(Case, on_delete=models.CASCADE)
