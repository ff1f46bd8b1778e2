# SPDX-License-Identifier: EUPL-1.2
"""Writes on users and organisations.

Four-eyes on every grant of access (docs/security.md): creating an account with a role,
changing a role, moving a user to another organisation, reactivating an account and
changing an organisation's kind become an AccessGrantRequest that takes effect only when a
second functional administrator approves — whatever screen starts them. Taking access
away (deactivating) applies at once. Nobody sets another person's password: an
administrator can only send a reset link, which also removes the second factor.
"""

import json

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp import devices_for_user

from accounts.models import (
    AccessGrantRequest,
    GrantKind,
    Organisation,
    OrganisationKind,
    Role,
    User,
)
from accounts.roles import group_name
from audit.models import Action
from audit.services import audit_record

# Who is told about a grant of access (the user concerned, the log managers). The
# notification service sits above accounts and registers itself (NotificationsConfig).
GRANT_LISTENERS: list = []


def register_grant_listener(listener) -> None:
    if listener not in GRANT_LISTENERS:
        GRANT_LISTENERS.append(listener)


def _tell(request: AccessGrantRequest, event: str) -> None:
    # In-app notifications are rows in the same transaction: rolled back with the request.
    for listener in GRANT_LISTENERS:
        listener(request=request, event=event)


def can_decide_grant(user, request: AccessGrantRequest) -> bool:
    """A second functional administrator: not the one who asked, not the user concerned."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.role == Role.FUNCTIONAL_ADMIN or user.is_superuser)
        and user.pk != request.requested_by_id
        and user.pk != request.user_id
    )


def _may_administer(actor) -> bool:
    return bool(
        actor.is_authenticated
        and actor.is_active
        and (actor.role == Role.FUNCTIONAL_ADMIN or actor.is_superuser)
    )


def _grant_fields(user: User) -> dict:
    return {
        "role": user.role,
        "organisation_id": user.organisation_id,
        "is_active": user.is_active,
    }


def _describe(before: dict, after: dict) -> str:
    return json.dumps({"voor": before, "na": after}, sort_keys=True, separators=(",", ":"))


@transaction.atomic
def organisation_group(*, organisation: Organisation) -> Group:
    """The organisation's permission group, created on first use."""
    if organisation.group_id is None:
        organisation.group, _ = Group.objects.get_or_create(name=f"organisation:{organisation.pk}")
        organisation.save(update_fields=["group"])
    return organisation.group


@transaction.atomic
def user_sync_groups(*, user: User) -> None:
    """Put the user in exactly their role group and their organisation's group."""
    groups = []
    if user.role:
        groups.append(Group.objects.get(name=group_name(user.role)))
    if user.organisation_id:
        groups.append(organisation_group(organisation=user.organisation))
    user.groups.set(groups)


@transaction.atomic
def user_admin_save(*, actor: User, user: User, created: bool, path: str = "") -> User:
    """Save a user as changed on /beheer/. Names and e-mail are saved at once; what grants
    access (a role, another organisation, reactivation) becomes a request for a second
    administrator, and the account keeps its old access until then. Deactivating applies
    at once. A new account never gets a password from its creator (a reset link does)."""
    if not _may_administer(actor):
        raise PermissionDenied
    user.clean()  # a municipality official outside a municipality is refused (issue 12)
    if created:
        wanted = _grant_fields(user)
        before = {"role": "", "organisation_id": user.organisation_id, "is_active": True}
        user.role = ""
        user.set_unusable_password()
        user.save()
        user_sync_groups(user=user)
        audit_record(actor=actor, action=Action.CREATE, obj=user, path=path)
        if wanted["role"]:
            _request(
                actor=actor, kind=GrantKind.CREATE_USER, user=user, before=before, after=wanted
            )
        return user
    stored = User.objects.select_for_update().get(pk=user.pk)
    before, wanted = _grant_fields(stored), _grant_fields(user)
    if user.pk == actor.pk and before != wanted:
        raise PermissionDenied  # no one changes their own access
    requests = []
    if wanted["organisation_id"] != before["organisation_id"]:
        requests.append(GrantKind.MOVE_USER)
    if wanted["role"] != before["role"]:
        requests.append(GrantKind.CHANGE_ROLE)
    if wanted["is_active"] and not before["is_active"]:
        requests.append(GrantKind.REACTIVATE)
    # Until approved the account keeps what it had; deactivating takes effect now.
    user.role, user.organisation_id = stored.role, stored.organisation_id
    user.is_active = wanted["is_active"] and before["is_active"]
    user.password = stored.password
    user.save()
    user_sync_groups(user=user)
    audit_record(actor=actor, action=Action.UPDATE, obj=user, path=path)
    if requests:
        kind = requests[0] if len(requests) == 1 else GrantKind.CHANGE_ROLE
        after = {key: wanted[key] for key in wanted if wanted[key] != before[key]}
        after["is_active"] = wanted["is_active"]
        _request(actor=actor, kind=kind, user=user, before=before, after=after)
    return user


@transaction.atomic
def organisation_admin_save(
    *, actor: User, organisation: Organisation, created: bool, path: str = ""
) -> Organisation:
    """Save an organisation as changed on /beheer/, recorded in the access log. A change
    of kind (which changes what every member may see) waits for a second administrator."""
    if not _may_administer(actor):
        raise PermissionDenied
    if created:
        organisation.save()
        audit_record(actor=actor, action=Action.CREATE, obj=organisation, path=path)
        return organisation
    stored = Organisation.objects.select_for_update().get(pk=organisation.pk)
    wanted_kind = organisation.kind
    organisation.kind = stored.kind
    organisation.save()
    audit_record(actor=actor, action=Action.UPDATE, obj=organisation, path=path)
    if wanted_kind != stored.kind:
        _request(
            actor=actor,
            kind=GrantKind.CHANGE_KIND,
            organisation=organisation,
            before={"kind": stored.kind},
            after={"kind": wanted_kind},
        )
    return organisation


def _request(*, actor: User, kind: str, before: dict, after: dict, user=None, organisation=None):
    pending = AccessGrantRequest.objects.filter(
        status=AccessGrantRequest.Status.PENDING, user=user, organisation=organisation
    )
    if pending.exists():
        raise ValidationError(
            _("Er wacht al een verzoek om toegang voor dit account of deze organisatie.")
        )
    request = AccessGrantRequest.objects.create(
        kind=kind,
        user=user,
        organisation=organisation,
        before=before,
        after=after,
        requested_by=actor,
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=request,
        purpose=f"toegang aangevraagd {kind} {_describe(before, after)}",
    )
    _tell(request, "requested")
    return request


def _check_organisation_change(request: AccessGrantRequest) -> None:
    """An organisation that stops being a municipality may not keep municipality officials
    (only they extend or withdraw a huisverbod for the burgemeester)."""
    kind = request.after.get("kind")
    if kind is None or kind == OrganisationKind.MUNICIPALITY:
        return
    officials = User.objects.filter(
        organisation_id=request.organisation_id,
        role=Role.MUNICIPALITY_OFFICIAL,
        is_active=True,
    )
    if officials.exists():
        raise ValidationError(
            _(
                "Deze organisatie heeft actieve gemeenteambtenaren; die rol bestaat alleen bij "
                "een gemeente. Geef hen eerst een andere rol of organisatie."
            )
        )


@transaction.atomic
def access_grant_decide(
    *, actor: User, request: AccessGrantRequest, approve: bool, path: str = ""
) -> AccessGrantRequest:
    """A second functional administrator approves (the change takes effect) or refuses."""
    request = AccessGrantRequest.objects.select_for_update().get(pk=request.pk)
    if not can_decide_grant(actor, request):
        raise PermissionDenied
    if request.status != AccessGrantRequest.Status.PENDING:
        raise ValidationError(_("Over dit verzoek is al besloten."))
    request.status = (
        AccessGrantRequest.Status.APPROVED if approve else AccessGrantRequest.Status.REFUSED
    )
    request.decided_by = actor
    request.decided_at = timezone.now()
    if approve and request.user_id is not None:
        user = User.objects.select_for_update().get(pk=request.user_id)
        for field, value in request.after.items():
            setattr(user, field, value)
        # The rules of the account are checked again at approval: the organisation may have
        # changed kind since the request (a municipality official only in a municipality).
        user.clean()
        user.save(update_fields=list(request.after))
        user_sync_groups(user=user)
    elif approve and request.organisation_id is not None:
        _check_organisation_change(request)
        Organisation.objects.filter(pk=request.organisation_id).update(**request.after)
    request.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=request,
        path=path,
        purpose=(
            f"toegang {'goedgekeurd' if approve else 'afgewezen'} {request.kind} "
            f"{_describe(request.before, request.after)}"
        )[:200],
    )
    _tell(request, "approved" if approve else "refused")
    return request


@transaction.atomic
def user_password_reset_send(*, actor: User, user: User, path: str = "") -> None:
    """The only thing an administrator can do about someone else's password: the old one
    and the second factor stop working, and the user receives a link to choose a new
    password (and enrols a new authenticator at the next login, themselves)."""
    if not _may_administer(actor) or actor.pk == user.pk:
        raise PermissionDenied
    user = User.objects.select_for_update().get(pk=user.pk)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    for device in list(devices_for_user(user, confirmed=None)):
        device.delete()
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        obj=user,
        path=path,
        purpose="wachtwoord en tweede factor teruggezet; herstellink verstuurd",
    )
    if user.email:
        link = settings.SITE_URL.rstrip("/") + reverse(
            "accounts:password_reset_confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        transaction.on_commit(
            lambda: send_mail(
                _("Casusregie: kies een nieuw wachtwoord"),
                _(
                    "Uw functioneel beheerder heeft uw wachtwoord en tweestapsverificatie "
                    "teruggezet. Kies via deze link een nieuw wachtwoord: %(link)s"
                )
                % {"link": link},
                None,
                [user.email],
            )
        )
