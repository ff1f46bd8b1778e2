# SPDX-License-Identifier: EUPL-1.2
"""API tokens: how a partner system authenticates as its organisation.

A token acts through its own service account (a User of the organisation in the partner
role, without a password), so the API reaches the very selectors, permission predicates
and services a professional of that organisation reaches, and the access log names the
client. Only a SHA-256 hash of the secret is stored; the token is shown once.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    CASES_READ = "cases:read", _("Casussen, afspraken, termijnen en plannen lezen")
    INCIDENTS_WRITE = "incidents:write", _("Incidenten registreren")
    AGREEMENTS_WRITE = "agreements:write", _("Status van eigen afspraken bijwerken")
    PLANS_ACKNOWLEDGE = "plans:acknowledge", _("Vastgestelde planversies voor gezien tekenen")


class ApiToken(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("organisatie"),
    )
    name = models.CharField(_("naam van het partnersysteem"), max_length=100)
    # The public part of the token (cr_<prefix>_<secret>), to find the row in one lookup.
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    scopes = models.JSONField(_("rechten"), default=list)
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_token",
        editable=False,
    )
    expires_at = models.DateTimeField(_("verloopt op"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Four-eyes: a token gives access to case data only after a second administrator
    # approves it.
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    approved_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("laatst gebruikt"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["organisation__name", "name", "pk"]
        verbose_name = _("API-token")
        verbose_name_plural = _("API-tokens")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(approved_by=models.F("created_by")),
                name="api_apitoken_four_eyes",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    def state(self, now) -> str:
        if self.revoked_at is not None:
            return "revoked"
        if self.expires_at <= now:
            return "expired"
        if self.approved_at is None:
            return "pending"
        return "active"
