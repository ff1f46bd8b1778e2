# SPDX-License-Identifier: EUPL-1.2
"""Issuing, approving and revoking API tokens (the only writes of the api app besides
the domain services the API calls)."""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, Role, User
from accounts.permissions import can_administer_accounts
from accounts.services import user_sync_groups
from api.models import ApiToken, Scope
from audit.models import Action
from audit.services import audit_record

TOKEN_START = "cr"


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    plaintext: str  # shown once, never stored


@transaction.atomic
def token_issue(
    *,
    actor: User,
    organisation: Organisation,
    name: str,
    scopes: list[str],
    expires_at: datetime,
) -> IssuedToken:
    """A new token for a partner system of `organisation`, waiting for a second
    administrator's approval. Creates the token's service account (partner role, no
    password, inactive until approved)."""
    if not can_administer_accounts(actor):
        raise PermissionDenied
    errors = {}
    if not name.strip():
        errors["name"] = _("Geef het partnersysteem een naam.")
    unknown = [s for s in scopes if s not in Scope.values]
    if not scopes or unknown:
        errors["scopes"] = _("Kies ten minste één recht uit de lijst.")
    if expires_at <= timezone.now():
        errors["expires_at"] = _("De vervaldatum moet in de toekomst liggen.")
    elif (expires_at - timezone.now()).days > 366:
        errors["expires_at"] = _("Een token verloopt binnen een jaar.")
    if not organisation.is_active:
        errors["organisation"] = _("Deze organisatie is niet actief.")
    if errors:
        raise ValidationError(errors)
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    service_user = User(
        username=f"api-{prefix}",
        first_name=_("API"),
        last_name=name.strip()[:100],
        organisation=organisation,
        role=Role.PARTNER,
        is_active=False,
    )
    service_user.set_unusable_password()
    service_user.save()
    user_sync_groups(user=service_user)
    token = ApiToken.objects.create(
        organisation=organisation,
        name=name.strip(),
        prefix=prefix,
        key_hash=_hash(secret),
        scopes=sorted(set(scopes)),
        service_user=service_user,
        expires_at=expires_at,
        created_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, obj=token, purpose="API-token aangemaakt")
    return IssuedToken(token=token, plaintext=f"{TOKEN_START}_{prefix}_{secret}")


@transaction.atomic
def token_approve(*, actor: User, token: ApiToken) -> ApiToken:
    """The second administrator's approval: only then does the token give access."""
    if not can_administer_accounts(actor):
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().select_related("service_user").get(pk=token.pk)
    if token.created_by_id == actor.pk:
        raise ValidationError(
            _("Een tweede beheerder moet dit token goedkeuren, niet degene die het aanmaakte.")
        )
    if token.revoked_at is not None:
        raise ValidationError(_("Dit token is ingetrokken."))
    if token.approved_at is not None:
        return token
    token.approved_by = actor
    token.approved_at = timezone.now()
    token.save(update_fields=["approved_by", "approved_at"])
    token.service_user.is_active = True
    token.service_user.save(update_fields=["is_active"])
    audit_record(actor=actor, action=Action.UPDATE, obj=token, purpose="API-token goedgekeurd")
    return token


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """Revoked at once: the next call with it is refused."""
    if not can_administer_accounts(actor):
        raise PermissionDenied
    token = ApiToken.objects.select_for_update().select_related("service_user").get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = actor
        token.save(update_fields=["revoked_at", "revoked_by"])
        token.service_user.is_active = False
        token.service_user.save(update_fields=["is_active"])
        audit_record(actor=actor, action=Action.UPDATE, obj=token, purpose="API-token ingetrokken")
    return token


def token_check(*, plaintext: str, now: datetime) -> ApiToken | None:
    """The active token this secret belongs to, or None (unknown, wrong secret, pending,
    expired, revoked). A read; `token_touch` records the use."""
    parts = plaintext.split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_START:
        return None
    token = (
        ApiToken.objects.select_related("service_user__organisation", "organisation")
        .filter(prefix=parts[1])
        .first()
    )
    if token is None or not hmac.compare_digest(token.key_hash, _hash(parts[2])):
        return None
    if token.state(now) != "active" or not token.service_user.is_active:
        return None
    if not token.organisation.is_active:
        return None
    return token


def token_touch(*, token: ApiToken, now: datetime) -> None:
    """Remember when the token was last used (at most once a minute per token)."""
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
