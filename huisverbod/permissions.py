# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates for toetsingen and huisverboden (pure, like casework.permissions)."""

from accounts.models import OrganisationKind, Role
from casework.permissions import can_manage_case, can_view_case


def _kind(user) -> str:
    return user.organisation.kind if getattr(user, "organisation", None) else ""


def can_record_toetsing(user, case) -> bool:
    """The hulpofficier van justitie (police) assesses, in Twente jointly with Veilig Thuis;
    the coordinator may record it on their behalf."""
    if not user.has_perm("huisverbod.add_toetsing") or not can_view_case(user, case):
        return False
    if user.role == Role.COORDINATOR:
        return can_manage_case(user, case)
    return user.role == Role.PARTNER and _kind(user) in {
        OrganisationKind.POLICE,
        OrganisationKind.VEILIG_THUIS,
    }


def can_impose_huisverbod(user, case) -> bool:
    """Police (hulpofficier on the mayor's mandate) and the coordinator record an imposition."""
    if not user.has_perm("huisverbod.add_huisverbod") or not can_view_case(user, case):
        return False
    if user.role == Role.COORDINATOR:
        return can_manage_case(user, case)
    return user.role == Role.PARTNER and _kind(user) == OrganisationKind.POLICE


def can_extend_huisverbod(user, case) -> bool:
    """Extension and withdrawal cannot be mandated to the police: only a municipality
    official of a municipality organisation (the role alone is not enough)."""
    return (
        user.role == Role.MUNICIPALITY_OFFICIAL
        and _kind(user) == OrganisationKind.MUNICIPALITY
        and user.has_perm("huisverbod.change_huisverbod")
        and can_view_case(user, case)
    )


can_withdraw_huisverbod = can_extend_huisverbod
