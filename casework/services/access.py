# SPDX-License-Identifier: EUPL-1.2
"""Turn taking part in a case into object permissions, and back."""

from guardian.shortcuts import assign_perm, remove_perm

from accounts.models import OrganisationKind
from accounts.services import organisation_group
from casework.permissions import forget_case_perms

# What taking part grants on the case. The role's model permissions decide which of these
# a member can actually use (a partner professional never manages, whatever the grant).
MEMBER_PERMS = ["view_case", "record_incident"]
COORDINATING_PERMS = ["manage_case"]


def _perms_for(organisation) -> list[str]:
    if organisation.kind == OrganisationKind.ZVH:
        return MEMBER_PERMS + COORDINATING_PERMS
    return MEMBER_PERMS


def grant_organisation(*, case, organisation) -> None:
    group = organisation_group(organisation=organisation)
    for perm in _perms_for(organisation):
        assign_perm(f"casework.{perm}", group, case)


def revoke_organisation(*, case, organisation) -> None:
    group = organisation_group(organisation=organisation)
    for perm in _perms_for(organisation):
        remove_perm(f"casework.{perm}", group, case)


def grant_professional(*, case, user) -> None:
    for perm in MEMBER_PERMS:
        assign_perm(f"casework.{perm}", user, case)
    forget_case_perms(user)


def revoke_professional(*, case, user) -> None:
    for perm in MEMBER_PERMS:
        remove_perm(f"casework.{perm}", user, case)
    forget_case_perms(user)
