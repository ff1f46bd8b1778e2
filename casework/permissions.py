# SPDX-License-Identifier: EUPL-1.2
"""Pure permission predicates: can_<verb>_<noun>(user, obj) -> bool.

Access to a case always needs two things: the role's model permission (what kind of thing
this role may do at all) and the object permission on this case, which comes only from
taking part in it (django-guardian, direct foreign-key permission models).
"""

from accounts.models import OrganisationKind, Role


def _has(user, perm: str, case) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(f"casework.{perm}")
        and user.has_perm(f"casework.{perm}", case)
    )


def can_view_case(user, case) -> bool:
    return _has(user, "view_case", case)


def can_manage_case(user, case) -> bool:
    """Coordinator of the ZVH that runs the case: persons, partners, phases."""
    return user.role == Role.COORDINATOR and _has(user, "manage_case", case)


def can_register_case(user) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.COORDINATOR
        and user.has_perm("casework.add_case")
    )


def can_record_incident(user, case) -> bool:
    return _has(user, "record_incident", case)


def can_decide_closure(user, case) -> bool:
    """A manager approves or refuses closing (four-eyes is checked by the service)."""
    return user.role == Role.MANAGER and _has(user, "view_case", case)


def can_reopen_case(user, case) -> bool:
    return user.role == Role.MANAGER and _has(user, "view_case", case)


def can_view_confidential_address(user, case) -> bool:
    """Only the shelter taking part and the coordinator may ever see a shelter address."""
    if not can_view_case(user, case):
        return False
    if user.role == Role.COORDINATOR:
        return True
    return user.organisation is not None and user.organisation.kind == OrganisationKind.SHELTER


# Adapters for django-fsm's @transition(permission=...), which calls (instance, user).
def transition_by_coordinator(case, user) -> bool:
    return can_manage_case(user, case)


def transition_by_manager(case, user) -> bool:
    return can_decide_closure(user, case)
