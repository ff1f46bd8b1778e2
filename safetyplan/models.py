# SPDX-License-Identifier: EUPL-1.2
"""The shared safety plan: versions, the Top-3 risk items, conditions, agreements.

Two kinds of rows live here.

*Versioned content* (PlanVersion and its children RiskItem, SafetyCondition,
SafetyAgreement, RecoveryPlan) is what the coordinator writes and adopts. Once a version
is adopted its rows never change again: a database trigger refuses UPDATE, DELETE and
INSERT on them (see migration 0002), and the querysets and save() below refuse the same
before the database is even asked, so ``QuerySet.update()`` cannot slip past either.

*Running records* follow one thing across versions and keep changing while the plan is
carried out: a Risk (the unsafe situation itself: its scale scores and its evaluation
deadline), an AgreementProgress (the status of one agreement, set by the owning partner),
and the acknowledgements of an adopted version. A new draft copies the content of the
last version and keeps pointing to the same running records.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class FrozenVersionError(ValidationError):
    """An attempt to change a version that has been adopted."""

    def __init__(self):
        super().__init__(
            _("Deze versie van het veiligheidsplan is vastgesteld en kan niet meer veranderen.")
        )


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    ADOPTED = "adopted", _("Vastgesteld")


class SafetyPlan(models.Model):
    """One plan per case, shared by all partners."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, related_name="safety_plan"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("veiligheidsplan")
        verbose_name_plural = _("veiligheidsplannen")

    def __str__(self) -> str:
        return str(_("Veiligheidsplan %(case)s") % {"case": self.case})


# --- freezing guards ------------------------------------------------------------------------


class VersionQuerySet(models.QuerySet):
    def update(self, **kwargs):
        if self.filter(status=VersionStatus.ADOPTED).exists():
            raise FrozenVersionError
        return super().update(**kwargs)

    def delete(self):
        if self.filter(status=VersionStatus.ADOPTED).exists():
            raise FrozenVersionError
        return super().delete()


class VersionedQuerySet(models.QuerySet):
    """Children of a version: refuse bulk writes that touch an adopted version."""

    def _touches_adopted(self) -> bool:
        return self.filter(version__status=VersionStatus.ADOPTED).exists()

    def update(self, **kwargs):
        if self._touches_adopted():
            raise FrozenVersionError
        if "version" in kwargs or "version_id" in kwargs:
            target = kwargs.get("version_id", getattr(kwargs.get("version"), "pk", None))
            if PlanVersion.objects.filter(pk=target, status=VersionStatus.ADOPTED).exists():
                raise FrozenVersionError
        return super().update(**kwargs)

    def delete(self):
        if self._touches_adopted():
            raise FrozenVersionError
        return super().delete()

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        version_ids = {obj.version_id for obj in objs}
        if PlanVersion.objects.filter(pk__in=version_ids, status=VersionStatus.ADOPTED).exists():
            raise FrozenVersionError
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, *args, **kwargs):
        objs = list(objs)
        if self.model.objects.filter(
            pk__in=[o.pk for o in objs], version__status=VersionStatus.ADOPTED
        ).exists():
            raise FrozenVersionError
        return super().bulk_update(objs, *args, **kwargs)


class VersionedContent(models.Model):
    """Base of every row that belongs to one plan version and freezes with it."""

    version = models.ForeignKey("safetyplan.PlanVersion", on_delete=models.CASCADE)
    # Optimistic locking: every save through the services bumps it; a stale one is refused.
    lock_version = models.PositiveIntegerField(default=1)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._version_frozen():
            raise FrozenVersionError
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("version_id", flat=True)
            if PlanVersion.objects.filter(pk__in=stored, status=VersionStatus.ADOPTED).exists():
                raise FrozenVersionError
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self._version_frozen():
            raise FrozenVersionError
        return super().delete(*args, **kwargs)

    def _version_frozen(self) -> bool:
        return PlanVersion.objects.filter(pk=self.version_id, status=VersionStatus.ADOPTED).exists()


# --- versions -------------------------------------------------------------------------------


class PlanVersion(models.Model):
    """A numbered version of the plan: a draft while edited, frozen once adopted."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    based_on = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    adopted_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    # Part 2 and 3 of the plan as a whole (the items carry part 1 and the care agreements).
    care_plan_summary = models.TextField(_("risicogestuurd zorgplan: samenvatting"), blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    objects = VersionQuerySet.as_manager()

    class Meta:
        ordering = ["plan", "number"]
        verbose_name = _("planversie")
        verbose_name_plural = _("planversies")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"], name="safetyplan_planversion_unique_number"
            ),
            models.UniqueConstraint(
                fields=["plan"],
                condition=models.Q(status="draft"),
                name="safetyplan_planversion_one_draft",
            ),
            models.CheckConstraint(
                condition=models.Q(status="draft", adopted_at__isnull=True)
                | models.Q(status="adopted", adopted_at__isnull=False, adopted_by__isnull=False),
                name="safetyplan_planversion_adoption_recorded",
            ),
        ]

    def __str__(self) -> str:
        return str(_("versie %(number)s") % {"number": self.number})

    def save(self, *args, **kwargs):
        if (
            self.pk is not None
            and PlanVersion.objects.filter(pk=self.pk, status=VersionStatus.ADOPTED).exists()
        ):
            raise FrozenVersionError
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_adopted:
            raise FrozenVersionError
        return super().delete(*args, **kwargs)

    @property
    def is_adopted(self) -> bool:
        return self.status == VersionStatus.ADOPTED


class TextErasure(models.Model):
    """The one exception to the freeze (docs/privacy.md): while a row for a version exists,
    the freezing triggers let an UPDATE of that version and its rows through — never an
    INSERT or DELETE, never a move to another version or a change of status. Only
    ``safetyplan.services.erasure.plan_text_erase`` writes it, and it deletes the row again
    in the same transaction, so no other transaction ever sees one (the table is empty
    outside it)."""

    version = models.OneToOneField(PlanVersion, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("wissen van vrije tekst")
        verbose_name_plural = _("wissen van vrije tekst")


# --- running records ------------------------------------------------------------------------


class Risk(models.Model):
    """One unsafe situation followed across versions: its scale scores and its evaluation
    deadline hang here, so they survive re-ranking and new versions."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="risks")
    created_at = models.DateTimeField(auto_now_add=True)
    # A manager's escalation decision (new date): not versioned, so it holds for the
    # adopted plan as it stands; the plan shows it with who decided.
    decided_evaluation = models.DateField(_("evaluatie volgens besluit"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("onveilige situatie")
        verbose_name_plural = _("onveilige situaties")


class ScaleScore(models.Model):
    """How safe is it now, 0-10, recorded over time."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="scores")
    score = models.PositiveSmallIntegerField(_("veiligheidsschaal"))
    note = models.CharField(_("toelichting"), max_length=500, blank=True)
    recorded_at = models.DateTimeField(_("vastgelegd op"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["recorded_at", "pk"]
        verbose_name = _("score op de veiligheidsschaal")
        verbose_name_plural = _("scores op de veiligheidsschaal")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=0, score__lte=10),
                name="safetyplan_scalescore_0_to_10",
            )
        ]
        indexes = [models.Index(fields=["risk", "recorded_at"], name="safetyplan_score_risk")]


class AgreementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Nagekomen")
    NOT_MET = "not_met", _("Niet nagekomen")


class AgreementProgress(models.Model):
    """How one agreement is being carried out. Not versioned: the owning partner marks it
    done or not met without the plan having to be adopted again."""

    plan = models.ForeignKey(SafetyPlan, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        _("status"), max_length=10, choices=AgreementStatus.choices, default=AgreementStatus.OPEN
    )
    notes = models.TextField(_("toelichting"), blank=True)
    status_changed_at = models.DateTimeField(null=True, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lock_version = models.PositiveIntegerField(default=1)
    # A manager's escalation decision (new date, other owner): the adopted version is
    # frozen, so the decision lives here; the plan shows it with who decided.
    decided_due_date = models.DateField(_("uiterste datum volgens besluit"), null=True, blank=True)
    decided_owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("voortgang van een afspraak")
        verbose_name_plural = _("voortgang van afspraken")


# --- versioned content ----------------------------------------------------------------------


class ItemStatus(models.TextChoices):
    ACTIVE = "active", _("In de Top-3")
    REPLACED = "replaced", _("Vervangen")


class RiskItem(VersionedContent):
    """One of the Top-3 in one version. Replaced items stay in their version, unranked."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="risk_items")
    risk = models.ForeignKey(Risk, on_delete=models.PROTECT, related_name="items")
    rank = models.PositiveSmallIntegerField(_("rangorde"), null=True, blank=True)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.ACTIVE)
    title = models.CharField(_("korte titel"), max_length=200)
    facts_who = models.TextField(_("wie (pleger)"))
    facts_what = models.TextField(_("wat is er gebeurd"))
    facts_to_whom = models.TextField(_("bij wie (slachtoffer, kinderen)"))
    facts_when = models.CharField(_("wanneer"), max_length=300)
    facts_impact = models.TextField(_("impact"))
    danger_statement = models.TextField(_("gevaarsstelling"))
    safety_goal = models.TextField(_("veiligheidsdoel"))
    consequences = models.TextField(
        _("wat volgt als afspraken (niet) worden nagekomen"), blank=True
    )
    supervision = models.TextField(_("toezicht"), blank=True)
    next_evaluation = models.DateField(_("volgend evaluatiemoment"), null=True, blank=True)
    replaced_at = models.DateTimeField(null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replaces"
    )
    replacement_reason = models.TextField(_("reden van vervanging"), blank=True)

    # Old and new value, who and when, of every change (docs/privacy.md).
    changes = HistoricalRecords()

    class Meta:
        ordering = ["version", "rank", "pk"]
        verbose_name = _("onveilige situatie (Top-3)")
        verbose_name_plural = _("onveilige situaties (Top-3)")
        constraints = [
            # Active: ranked 1-3 (never NULL: a NULL rank escapes both the comparison and
            # the unique rank); replaced: kept unranked. With the unique rank below this
            # means at most three active items per version.
            models.CheckConstraint(
                condition=models.Q(status="active", rank__isnull=False, rank__gte=1, rank__lte=3)
                | models.Q(status="replaced", rank__isnull=True),
                name="safetyplan_riskitem_active_needs_rank",
            ),
            models.UniqueConstraint(
                fields=["version", "rank"], name="safetyplan_riskitem_unique_rank"
            ),
            models.UniqueConstraint(
                fields=["version", "risk"], name="safetyplan_riskitem_one_per_risk"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SafetyCondition(VersionedContent):
    """What must minimally be in place (part 1: immediate safety)."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="conditions")
    risk_item = models.ForeignKey(RiskItem, on_delete=models.CASCADE, related_name="conditions")
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    text = models.TextField(_("voorwaarde"))
    is_met = models.BooleanField(_("vervuld"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("veiligheidsvoorwaarde")
        verbose_name_plural = _("veiligheidsvoorwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="safetyplan_safetycondition_key_per_version"
            )
        ]


class AgreementPart(models.TextChoices):
    SAFETY = "safety", _("Veiligheidsafspraak (directe veiligheid)")
    CARE = "care", _("Risicogestuurde zorgafspraak (stabiele veiligheid)")


class SafetyAgreement(VersionedContent):
    """Who does what by when. `part` says whether it belongs to the safety plan proper or
    to the risk-steered care plan; the recover guard looks for the care ones."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="agreements")
    risk_item = models.ForeignKey(RiskItem, on_delete=models.CASCADE, related_name="agreements")
    progress = models.ForeignKey(
        AgreementProgress, on_delete=models.PROTECT, related_name="versions"
    )
    part = models.CharField(
        _("deel van het plan"),
        max_length=10,
        choices=AgreementPart.choices,
        default=AgreementPart.SAFETY,
    )
    description = models.TextField(_("afspraak"))
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eigenaar (organisatie)"),
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

    # Old and new value, who and when, of every change (docs/privacy.md).
    changes = HistoricalRecords()

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("veiligheidsafspraak")
        verbose_name_plural = _("veiligheidsafspraken")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "progress"], name="safetyplan_safetyagreement_once_per_version"
            )
        ]


class RecoveryPlan(VersionedContent):
    """Part 3: a recovery plan per person involved."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.CASCADE, related_name="recovery_plans"
    )
    person = models.ForeignKey("casework.Person", on_delete=models.PROTECT, related_name="+")
    goals = models.TextField(_("hersteldoelen"))
    support = models.TextField(_("hulp en ondersteuning"), blank=True)

    class Meta:
        ordering = ["person__last_name", "person__first_name", "pk"]
        verbose_name = _("herstelplan")
        verbose_name_plural = _("herstelplannen")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "person"], name="safetyplan_recoveryplan_one_per_person"
            )
        ]


class PlanAcknowledgement(models.Model):
    """An organisation taking part says it has taken note of an adopted version."""

    version = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, related_name="acknowledgements"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["acknowledged_at", "pk"]
        verbose_name = _("kennisname")
        verbose_name_plural = _("kennisnames")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "organisation"],
                name="safetyplan_planacknowledgement_once_per_organisation",
            )
        ]


class ActionRisk(models.Model):
    """A case conference's action works on this unsafe situation (issue 20). The link is to
    the Risk, followed across versions, so it survives re-ranking and new plan versions;
    the page names it by its item in the case's current version. It lives here because
    the safety plan sits above conferences (conferences.risks asks for it)."""

    action = models.ForeignKey("conferences.Action", on_delete=models.CASCADE, related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="action_links")

    class Meta:
        ordering = ["pk"]
        verbose_name = _("actie bij een onveilige situatie")
        verbose_name_plural = _("acties bij onveilige situaties")
        constraints = [
            models.UniqueConstraint(fields=["action", "risk"], name="safetyplan_actionrisk_once")
        ]
