# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates of accounts and organisations (pure)."""

from accounts.models import Role


def can_administer_accounts(user) -> bool:
    """The functional administrator manages users and organisations, never case content."""
    return bool(
        user.is_authenticated
        and user.is_active
        and (user.is_superuser or user.role == Role.FUNCTIONAL_ADMIN)
    )
