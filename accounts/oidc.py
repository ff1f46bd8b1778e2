# SPDX-License-Identifier: EUPL-1.2
"""Single sign-on per organisation through OpenID Connect (mozilla-django-oidc).

- The provider is chosen on the login page ("Inloggen via <organisatie>") and kept in the
  session; the backend takes its endpoints, keys and client from that OIDCProvider row.
- A verified ID token is matched on iss + sub (never on e-mail). An unknown sub gets no
  access: it lands as an OIDCLinkRequest that one functional administrator proposes and a
  second approves (four-eyes).
- The organisation is the provider's; a role from the configured claim mapping counts only
  when the organisation kind allows it.
- acr/amr decide whether the provider's login counts as the second factor.
Every login, link and refusal is in the access log.
"""

import requests
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from accounts.backends import UserBackend
from accounts.models import (
    OIDCIdentity,
    OIDCLinkRequest,
    OIDCProvider,
    OrganisationKind,
    Role,
    User,
)
from accounts.permissions import can_administer_accounts
from accounts.services import user_sync_groups
from audit.models import Action
from audit.services import audit_record

SESSION_PROVIDER = "casusregie_oidc_provider"
SESSION_SECOND_FACTOR = "casusregie_oidc_second_factor"
SESSION_ID_TOKEN = "casusregie_oidc_id_token"

# Which roles an organisation of each kind may hold (a claim can never widen this).
ROLES_FOR_KIND = {
    OrganisationKind.ZVH: {
        Role.COORDINATOR,
        Role.MANAGER,
        Role.FUNCTIONAL_ADMIN,
        Role.LOG_MANAGER,
    },
    OrganisationKind.MUNICIPALITY: {Role.PARTNER, Role.MANAGER, Role.MUNICIPALITY_OFFICIAL},
}
PARTNER_ROLES = {Role.PARTNER, Role.MANAGER}


def roles_allowed_for(kind: str) -> set[str]:
    return set(ROLES_FOR_KIND.get(kind, PARTNER_ROLES))


def role_from_claims(provider: OIDCProvider, claims: dict) -> str:
    """The mapped role, or "" when the claim is missing, unmapped or not allowed."""
    if not provider.role_claim:
        return ""
    value = claims.get(provider.role_claim)
    values = value if isinstance(value, list) else [value]
    for item in values:
        role = provider.role_mapping.get(str(item), "")
        if role in roles_allowed_for(provider.organisation.kind):
            return role
    return ""


def second_factor_by_provider(provider: OIDCProvider, claims: dict) -> bool:
    """Does the provider's authentication count as the second factor? Only when its acr,
    or one of its amr values, is one the administrator configured."""
    acr = claims.get("acr")
    amr = claims.get("amr") or []
    if acr and acr in provider.second_factor_acr:
        return True
    return bool(set(amr if isinstance(amr, list) else [amr]) & set(provider.second_factor_amr))


def oidc_resolve(*, provider: OIDCProvider, claims: dict, path: str = "") -> User | None:
    """The active user linked to this iss + sub, or None after recording a pending link
    request. A token from another issuer is refused."""
    issuer, subject = claims.get("iss", ""), str(claims.get("sub", ""))
    if issuer.rstrip("/") != provider.issuer.rstrip("/") or not subject:
        audit_record(
            actor=None,
            action=Action.FAILED_LOGIN,
            username=f"oidc:{provider.organisation_id}",
            purpose="OIDC: verkeerde issuer",
            path=path,
        )
        raise SuspiciousOperation("issuer mismatch")
    identity = (
        OIDCIdentity.objects.select_related("user")
        .filter(issuer=provider.issuer, subject=subject, provider=provider)
        .first()
    )
    if identity is not None:
        user = identity.user
        if user.is_active and user.organisation_id == provider.organisation_id:
            return user
        audit_record(
            actor=None,
            action=Action.FAILED_LOGIN,
            username=user.username,
            purpose="OIDC: account niet actief",
            path=path,
        )
        return None
    link_request_record(provider=provider, claims=claims, path=path)
    return None


@transaction.atomic
def link_request_record(*, provider: OIDCProvider, claims: dict, path: str = "") -> OIDCLinkRequest:
    subject = str(claims["sub"])
    existing = OIDCLinkRequest.objects.filter(
        issuer=provider.issuer,
        subject=subject,
        status__in=[OIDCLinkRequest.Status.PENDING, OIDCLinkRequest.Status.PROPOSED],
    ).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            request = OIDCLinkRequest.objects.create(
                provider=provider,
                issuer=provider.issuer,
                subject=subject,
                display_name=str(claims.get(provider.name_claim, ""))[:200],
                claimed_role=role_from_claims(provider, claims),
            )
    except IntegrityError:
        return OIDCLinkRequest.objects.get(
            issuer=provider.issuer, subject=subject, status="pending"
        )
    audit_record(
        actor=None,
        action=Action.FAILED_LOGIN,
        username=f"oidc:{provider.organisation_id}",
        obj=request,
        purpose="OIDC: onbekend account, koppelverzoek",
        path=path,
    )
    return request


@transaction.atomic
def link_request_propose(
    *, actor: User, link_request: OIDCLinkRequest, role: str = "", user: User | None = None
) -> OIDCLinkRequest:
    """The first administrator proposes a new account in `role`, or an existing account
    of the provider's organisation."""
    if not can_administer_accounts(actor):
        raise PermissionDenied
    link_request = OIDCLinkRequest.objects.select_for_update().get(pk=link_request.pk)
    provider = link_request.provider
    if link_request.status != OIDCLinkRequest.Status.PENDING:
        raise ValidationError(_("Dit koppelverzoek is al behandeld."))
    if user is not None and user.organisation_id != provider.organisation_id:
        raise ValidationError(
            {"user": _("Kies een account van de organisatie van deze inlogdienst.")}
        )
    if user is None and role not in roles_allowed_for(provider.organisation.kind):
        raise ValidationError({"role": _("Deze rol past niet bij dit soort organisatie.")})
    link_request.proposed_user = user
    link_request.proposed_role = role if user is None else user.role
    link_request.proposed_by = actor
    link_request.status = OIDCLinkRequest.Status.PROPOSED
    link_request.save()
    audit_record(
        actor=actor, action=Action.UPDATE, obj=link_request, purpose="OIDC: koppeling voorgesteld"
    )
    return link_request


@transaction.atomic
def link_request_decide(
    *, actor: User, link_request: OIDCLinkRequest, approve: bool
) -> OIDCLinkRequest:
    """The second administrator approves (the account and the iss+sub link are made) or
    refuses. The proposer cannot decide."""
    if not can_administer_accounts(actor):
        raise PermissionDenied
    link_request = OIDCLinkRequest.objects.select_for_update().get(pk=link_request.pk)
    if link_request.status != OIDCLinkRequest.Status.PROPOSED:
        raise ValidationError(_("Dit koppelverzoek wacht niet op een tweede beheerder."))
    if link_request.proposed_by_id == actor.pk:
        raise ValidationError(
            _("Een tweede beheerder moet dit goedkeuren, niet degene die het voorstelde.")
        )
    provider = link_request.provider
    link_request.decided_by = actor
    link_request.decided_at = timezone.now()
    if not approve:
        link_request.status = OIDCLinkRequest.Status.REFUSED
        link_request.save()
        audit_record(
            actor=actor, action=Action.UPDATE, obj=link_request, purpose="OIDC: koppeling geweigerd"
        )
        return link_request
    user = link_request.proposed_user
    if user is None:
        user = User(
            username=f"oidc-{provider.organisation_id}-{link_request.pk}",
            first_name=link_request.display_name[:150],
            organisation=provider.organisation,
            role=link_request.proposed_role,
        )
        user.set_unusable_password()
        user.save()
        user_sync_groups(user=user)
    OIDCIdentity.objects.create(
        provider=provider, issuer=link_request.issuer, subject=link_request.subject, user=user
    )
    link_request.proposed_user = user
    link_request.status = OIDCLinkRequest.Status.APPROVED
    link_request.save()
    audit_record(actor=actor, action=Action.CREATE, obj=user, purpose="OIDC: koppeling goedgekeurd")
    return link_request


class ProviderBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend, configured per request from the provider the user
    chose on the login page instead of from settings."""

    def __init__(self, *args, **kwargs):  # settings are read per provider in authenticate
        self.UserModel = User

    def get_user(self, user_id):
        """The user of a session read as after a password login (UserBackend: organisation,
        permissions and the bell's count in one query), and only while the account is
        active (mozilla-django-oidc's own reading returns an account that was switched off)."""
        return UserBackend().get_user(user_id)

    def _configure(self, provider: OIDCProvider) -> None:
        self.provider = provider
        self.OIDC_OP_TOKEN_ENDPOINT = provider.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = provider.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = provider.jwks_uri
        self.OIDC_RP_CLIENT_ID = provider.client_id
        self.OIDC_RP_CLIENT_SECRET = provider.client_secret
        self.OIDC_RP_SIGN_ALGO = provider.sign_algorithm
        self.OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request, **kwargs):
        if request is None or SESSION_PROVIDER not in request.session:
            return None
        provider = (
            OIDCProvider.objects.select_related("organisation")
            .filter(pk=request.session[SESSION_PROVIDER], is_active=True)
            .first()
        )
        if provider is None:
            return None
        self._configure(provider)
        self.request = request
        try:
            return super().authenticate(request, **kwargs)
        except (SuspiciousOperation, requests.RequestException):
            # A token whose signature does not verify, a replayed nonce, a provider that
            # does not answer: no login, and the refusal is in the log.
            audit_record(
                actor=None,
                action=Action.FAILED_LOGIN,
                username=f"oidc:{provider.organisation_id}",
                purpose="OIDC: token geweigerd",
                path=request.path,
            )
            request.casusregie_oidc_outcome = "refused"
            return None

    def verify_claims(self, claims):
        return True  # checked in get_or_create_user: iss, aud, and the iss+sub link

    def get_userinfo(self, access_token, id_token, payload):
        """The verified ID token's claims, completed from userinfo when configured (its
        sub must be the ID token's). No claim ever decides the organisation."""
        if not self.provider.userinfo_endpoint:
            return dict(payload)
        userinfo = super().get_userinfo(access_token, id_token, payload)
        if str(userinfo.get("sub")) != str(payload.get("sub")):
            raise SuspiciousOperation("userinfo sub mismatch")
        return {**userinfo, **payload}

    def get_or_create_user(self, access_token, id_token, payload):
        if float(payload.get("exp", 0)) < timezone.now().timestamp():
            raise SuspiciousOperation("expired")
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.provider.client_id not in audiences:
            raise SuspiciousOperation("audience mismatch")
        claims = self.get_userinfo(access_token, id_token, payload)
        user = oidc_resolve(provider=self.provider, claims=claims, path=self.request.path)
        if user is not None:
            self.request.session[SESSION_SECOND_FACTOR] = second_factor_by_provider(
                self.provider,
                payload,  # acr/amr from the signed ID token only
            )
            self.request.session[SESSION_ID_TOKEN] = id_token
        else:
            self.request.casusregie_oidc_outcome = "pending"
        return user
