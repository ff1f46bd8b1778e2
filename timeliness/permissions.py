# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates of the time limits (pure, like casework.permissions)."""

from accounts.models import OrganisationKind, Role
from casework.permissions import can_manage_case


def can_explain_miss(user, case) -> bool:
    """The coordinator of the ZVH that runs the case records why a target was missed."""
    return can_manage_case(user, case)


def can_view_timeliness_report(user) -> bool:
    """The ZVH's managers and coordinators (each sees the misses of the cases they may see)."""
    organisation = user.organisation if user.is_authenticated else None
    return bool(
        organisation is not None
        and organisation.kind == OrganisationKind.ZVH
        and user.role in (Role.MANAGER, Role.COORDINATOR)
    )
