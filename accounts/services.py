# SPDX-License-Identifier: EUPL-1.2
"""Writes on users and organisations."""

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import Organisation, User
from accounts.roles import group_name


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
