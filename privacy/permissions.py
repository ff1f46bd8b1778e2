# SPDX-License-Identifier: EUPL-1.2
"""Pure predicates for the privacy room."""

from accounts.models import Role
from casework.permissions import can_manage_case


def can_handle_requests(user) -> bool:
    """The contact point for data-subject requests (WGS: one for all joint controllers) is
    the log manager: the role that already answers "who saw my data"."""
    return bool(user.is_authenticated and user.has_role(Role.LOG_MANAGER))


def can_manage_retention(user, case) -> bool:
    """Legal holds and extensions: the case's coordinator."""
    return can_manage_case(user, case)


def can_see_retention_list(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.COORDINATOR, Role.LOG_MANAGER))


def can_see_register(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.FUNCTIONAL_ADMIN, Role.LOG_MANAGER))


def can_see_history(user, case) -> bool:
    return can_manage_case(user, case)


def can_keep_purposes(user) -> bool:
    return bool(user.is_authenticated and user.has_role(Role.FUNCTIONAL_ADMIN))
