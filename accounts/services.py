# SPDX-License-Identifier: EUPL-1.2
"""Writes on users and organisations."""

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Organisation, User
from accounts.roles import group_name
from audit.models import Action
from audit.services import audit_record


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
    """Save a user as changed on /beheer/: groups follow the role and organisation, and the
    change is in the access log. A municipality official outside a municipality is refused
    (User.clean), whatever path the change takes."""
    user.clean()
    user.save()
    user_sync_groups(user=user)
    audit_record(
        actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=user, path=path
    )
    return user


@transaction.atomic
def organisation_admin_save(
    *, actor: User, organisation: Organisation, created: bool, path: str = ""
) -> Organisation:
    """Save an organisation as changed on /beheer/, recorded in the access log."""
    organisation.save()
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        obj=organisation,
        path=path,
    )
    return organisation
