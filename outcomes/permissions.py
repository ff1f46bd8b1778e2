# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates of outcomes (pure, like casework.permissions)."""

from accounts.models import Role
from casework.permissions import can_manage_case


def can_record_rating(user, case) -> bool:
    """The case's own coordinator records what the victim told (whoever asked)."""
    return can_manage_case(user, case)


def can_view_outcome_figures(user) -> bool:
    return user.role in (Role.MANAGER, Role.COORDINATOR)
