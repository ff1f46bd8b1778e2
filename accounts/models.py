# SPDX-License-Identifier: EUPL-1.2
"""Users, the organisations they act for, and their roles."""

from django.contrib.auth.models import AbstractUser, Group
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    ZVH = "zvh", _("Zorg- en Veiligheidshuis")
    POLICE = "police", _("Politie")
    PROSECUTOR = "prosecutor", _("Openbaar Ministerie")
    PROBATION = "probation", _("Reclassering")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    CHILD_PROTECTION_BOARD = "child_protection_board", _("Raad voor de Kinderbescherming")
    YOUTH_PROTECTION = "youth_protection", _("Gecertificeerde Instelling")
    MENTAL_HEALTH = "mental_health", _("GGZ")
    ADDICTION_CARE = "addiction_care", _("Verslavingszorg")
    SOCIAL_TEAM = "social_team", _("Wijkteam")
    SHELTER = "shelter", _("Vrouwenopvang")
    MUNICIPALITY = "municipality", _("Gemeente")


class Sector(models.TextChoices):
    """Groups of organisation kinds that may share sector-restricted information."""

    COORDINATION = "coordination", _("Regie (ZVH)")
    JUSTICE = "justice", _("Straf- en justitieketen")
    CARE = "care", _("Zorg en veiligheid")
    MUNICIPAL = "municipal", _("Gemeente en sociaal domein")


SECTOR_OF_KIND = {
    OrganisationKind.ZVH: Sector.COORDINATION,
    OrganisationKind.POLICE: Sector.JUSTICE,
    OrganisationKind.PROSECUTOR: Sector.JUSTICE,
    OrganisationKind.PROBATION: Sector.JUSTICE,
    OrganisationKind.VEILIG_THUIS: Sector.CARE,
    OrganisationKind.CHILD_PROTECTION_BOARD: Sector.CARE,
    OrganisationKind.YOUTH_PROTECTION: Sector.CARE,
    OrganisationKind.MENTAL_HEALTH: Sector.CARE,
    OrganisationKind.ADDICTION_CARE: Sector.CARE,
    OrganisationKind.SHELTER: Sector.CARE,
    OrganisationKind.SOCIAL_TEAM: Sector.MUNICIPAL,
    OrganisationKind.MUNICIPALITY: Sector.MUNICIPAL,
}


class Organisation(models.Model):
    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=40, choices=OrganisationKind.choices)
    is_active = models.BooleanField(_("actief"), default=True)
    # The group through which the organisation's members receive object permissions on the
    # cases it takes part in (django-guardian). Kept in step by accounts.services.
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")

    def __str__(self) -> str:
        return self.name

    @property
    def sector(self) -> str:
        return SECTOR_OF_KIND[OrganisationKind(self.kind)]


class Role(models.TextChoices):
    """What a user does in Casusregie; each role is also a Django group of model permissions."""

    COORDINATOR = "coordinator", _("Procesregisseur")
    PARTNER = "partner", _("Partnerprofessional")
    MANAGER = "manager", _("Manager")
    MUNICIPALITY_OFFICIAL = "municipality_official", _("Gemeenteambtenaar")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")
    LOG_MANAGER = "log_manager", _("Logbeheerder")


class User(AbstractUser):
    """A person who logs in. Acts for exactly one organisation in one role."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role="") | models.Q(organisation__isnull=False),
                name="accounts_user_role_needs_organisation",
            )
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def clean(self) -> None:
        super().clean()
        if self.role == Role.MUNICIPALITY_OFFICIAL and not (
            self.organisation_id and self.organisation.kind == OrganisationKind.MUNICIPALITY
        ):
            raise ValidationError(
                {
                    "role": _(
                        "De rol gemeenteambtenaar kan alleen bij een organisatie van de "
                        "soort gemeente horen."
                    )
                }
            )

    def has_role(self, *roles: str) -> bool:
        return self.is_active and self.role in roles


# --- Single sign-on per organisation (issue 19, accounts/oidc.py) ------------------------
class OIDCProvider(models.Model):
    """An organisation's own OpenID Connect identity provider, configured by the
    functional administrator. Whoever logs in through it acts for this organisation:
    the organisation never comes from a claim."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.PROTECT, related_name="oidc_provider"
    )
    issuer = models.URLField(_("issuer"), max_length=300)
    client_id = models.CharField(_("client id"), max_length=200)
    client_secret = models.CharField(_("client secret"), max_length=500)
    authorization_endpoint = models.URLField(max_length=300)
    token_endpoint = models.URLField(max_length=300)
    jwks_uri = models.URLField(max_length=300)
    # Optional: claims (name, role) that the provider gives only through userinfo.
    userinfo_endpoint = models.URLField(max_length=300, blank=True)
    end_session_endpoint = models.URLField(max_length=300, blank=True)
    sign_algorithm = models.CharField(max_length=10, default="RS256")
    scopes = models.CharField(max_length=200, default="openid profile email")
    name_claim = models.CharField(_("claim met de naam"), max_length=60, default="name")
    role_claim = models.CharField(_("claim met de rol"), max_length=60, blank=True)
    # {claim value: Casusregie role}; roles the organisation kind does not allow are ignored.
    role_mapping = models.JSONField(_("rollen uit de claim"), default=dict, blank=True)
    # acr / amr values that count as the second factor; otherwise TOTP still applies.
    second_factor_acr = models.JSONField(default=list, blank=True)
    second_factor_amr = models.JSONField(default=list, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("inlogdienst (OpenID Connect)")
        verbose_name_plural = _("inlogdiensten (OpenID Connect)")

    def __str__(self) -> str:
        return str(self.organisation)


class OIDCIdentity(models.Model):
    """A user's account at a provider: matched on iss + sub, never on e-mail."""

    provider = models.ForeignKey(OIDCProvider, on_delete=models.PROTECT, related_name="identities")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="oidc_identities")
    linked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="accounts_oidcidentity_unique_sub"
            )
        ]


class OIDCLinkRequest(models.Model):
    """A sub the provider vouched for but Casusregie does not know yet: no access until a
    functional administrator proposes an account (or an existing one) and a second one
    approves (four-eyes)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op beheerder")
        PROPOSED = "proposed", _("Wacht op tweede beheerder")
        APPROVED = "approved", _("Goedgekeurd")
        REFUSED = "refused", _("Geweigerd")

    provider = models.ForeignKey(OIDCProvider, on_delete=models.PROTECT, related_name="requests")
    issuer = models.CharField(max_length=300)
    subject = models.CharField(max_length=255)
    display_name = models.CharField(_("naam volgens de inlogdienst"), max_length=200, blank=True)
    claimed_role = models.CharField(max_length=30, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    requested_at = models.DateTimeField(auto_now_add=True)
    proposed_user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    proposed_role = models.CharField(max_length=30, blank=True)
    proposed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("koppelverzoek")
        verbose_name_plural = _("koppelverzoeken")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"],
                condition=models.Q(status__in=["pending", "proposed"]),
                name="accounts_oidclinkrequest_one_open",
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("proposed_by")),
                name="accounts_oidclinkrequest_four_eyes",
            ),
        ]


class GrantKind(models.TextChoices):
    CREATE_USER = "create_user", _("Nieuw account met rol")
    CHANGE_ROLE = "change_role", _("Andere rol")
    MOVE_USER = "move_user", _("Naar andere organisatie")
    REACTIVATE = "reactivate", _("Account heractiveren")
    CHANGE_KIND = "change_kind", _("Andere soort organisatie")


class AccessGrantRequest(models.Model):
    """A change that gives someone access (four-eyes): it takes effect only when a second
    functional administrator approves. Before and after are kept as they were asked."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wacht op goedkeuring")
        APPROVED = "approved", _("Goedgekeurd")
        REFUSED = "refused", _("Afgewezen")

    kind = models.CharField(_("soort"), max_length=20, choices=GrantKind.choices)
    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="grant_requests"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    before = models.JSONField(_("voor"), default=dict)
    after = models.JSONField(_("na"), default=dict)
    requested_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("aangevraagd door")
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("verzoek om toegang")
        verbose_name_plural = _("verzoeken om toegang")
        default_permissions = ("view", "change")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("requested_by")),
                name="accounts_accessgrantrequest_four_eyes",
            ),
        ]

    def __str__(self) -> str:
        subject = self.user or self.organisation
        return f"{self.get_kind_display()}: {subject}"
