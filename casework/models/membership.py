# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalBasis(models.TextChoices):
    """The legal ground of a partner's sharing (WGS art. 2.3 with the BGS annex, or the
    partner's own law). The list is the ZVH privacy regulation's; see docs/privacy.md."""

    WGS = "wgs", _("WGS: gezamenlijke verwerking in het samenwerkingsverband (art. 2.3 jo. BGS)")
    LEGAL_OBLIGATION = "legal_obligation", _("AVG art. 6 lid 1 sub c: wettelijke verplichting")
    PUBLIC_TASK = "public_task", _("AVG art. 6 lid 1 sub e: taak van algemeen belang")
    VITAL_INTEREST = "vital_interest", _("AVG art. 6 lid 1 sub d: vitaal belang")
    CONSENT = "consent", _("Toestemming van de betrokkene")


class SharingPurpose(models.Model):
    """A purpose for which a partner takes part in a case: a list the functional
    administrator keeps (WGS: a purpose for each sharing)."""

    name = models.CharField(_("doel"), max_length=200, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("doel van gegevensdeling")
        verbose_name_plural = _("doelen van gegevensdeling")

    def __str__(self) -> str:
        return self.name


class MembershipQuerySet(models.QuerySet):
    """The one vocabulary of "taking part in a case"."""

    def active(self):
        return self.filter(removed_at__isnull=True)

    def organisations(self):
        """Rows of organisations themselves (not named professionals)."""
        return self.filter(user__isnull=True)

    def professionals(self):
        """Rows naming one professional."""
        return self.filter(user__isnull=False)

    def case_team_ids(self, case, *, active_users_only: bool = True) -> set[int]:
        """The people of a case's team: its coordinator and the professionals named on it
        (not removed). Inactive accounts are left out unless asked for."""
        named = self.filter(case=case).active().professionals()
        if active_users_only:
            named = named.filter(user__is_active=True)
        ids = set(named.values_list("user_id", flat=True))
        coordinator = getattr(case, "coordinator", None) if case.coordinator_id else None
        if coordinator is not None and (coordinator.is_active or not active_users_only):
            ids.add(case.coordinator_id)
        return ids


class CaseMembership(models.Model):
    """An organisation (and optionally one named professional of it) taking part in a case.

    Taking part is what grants access. A row without `user` is the organisation itself; a
    row with `user` names a professional. Removal is recorded, never deleted, so the case
    keeps the history of who added whom and when.
    """

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="case_memberships",
        verbose_name=_("organisatie"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_memberships",
        verbose_name=_("professional"),
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)
    # Why it was added, when a rule brought it in (a huisverbod brings in the municipality).
    reason = models.CharField(_("reden van deelname"), max_length=300, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removed_at = models.DateTimeField(null=True, blank=True)
    # Why this organisation shares (WGS): purpose, legal basis and free text. Required for
    # every partner added by a coordinator; rows of named professionals leave them empty
    # (they share under their organisation's row).
    purpose = models.ForeignKey(
        SharingPurpose,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("doel"),
    )
    legal_basis = models.CharField(
        _("grondslag"), max_length=30, choices=LegalBasis.choices, blank=True
    )
    sharing_note = models.TextField(_("toelichting op de deling"), blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("deelname")
        verbose_name_plural = _("deelnames")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"],
                condition=models.Q(user__isnull=True, removed_at__isnull=True),
                name="casework_casemembership_one_active_organisation",
            ),
            models.UniqueConstraint(
                fields=["case", "user"],
                condition=models.Q(user__isnull=False, removed_at__isnull=True),
                name="casework_casemembership_one_active_professional",
            ),
        ]
        indexes = [
            models.Index(
                fields=["organisation", "case"],
                condition=models.Q(removed_at__isnull=True),
                name="casework_membership_active_org",
            )
        ]

    @property
    def is_active(self) -> bool:
        return self.removed_at is None
