# SPDX-License-Identifier: EUPL-1.2
"""Turn taking part in a case into object permissions, and back."""

from guardian.shortcuts import assign_perm, remove_perm

from accounts.services import organisation_group
from casework.permissions import forget_case_perms

# What taking part grants on the case. The role's model permissions decide which of these
# a member can actually use (a partner professional never manages, whatever the grant).
MEMBER_PERMS = ["view_case", "record_incident"]
COORDINATING_PERMS = ["manage_case"]


def _perms_for(case, organisation) -> list[str]:
    """Only the case's coordinating organisation manages it; another ZVH taking part is an
    ordinary partner."""
    if organisation.pk == case.coordinating_organisation_id:
        return MEMBER_PERMS + COORDINATING_PERMS
    return MEMBER_PERMS


def grant_organisation(*, case, organisation) -> None:
    group = organisation_group(organisation=organisation)
    for perm in _perms_for(case, organisation):
        assign_perm(f"casework.{perm}", group, case)


def revoke_organisation(*, case, organisation) -> None:
    group = organisation_group(organisation=organisation)
    for perm in MEMBER_PERMS + COORDINATING_PERMS:
        remove_perm(f"casework.{perm}", group, case)


def move_coordination(*, case, from_organisation, to_organisation) -> None:
    """The manage grant follows the coordinating organisation (case already updated)."""
    remove_perm("casework.manage_case", organisation_group(organisation=from_organisation), case)
    assign_perm("casework.manage_case", organisation_group(organisation=to_organisation), case)


def grant_professional(*, case, user) -> None:
    for perm in MEMBER_PERMS:
        assign_perm(f"casework.{perm}", user, case)
    forget_case_perms(user)


def revoke_professional(*, case, user) -> None:
    for perm in MEMBER_PERMS:
        remove_perm(f"casework.{perm}", user, case)
    forget_case_perms(user)
