# SPDX-License-Identifier: EUPL-1.2
"""Pure permission predicates for the safety plan.

Every predicate needs both the role's model permission and access to the case (taking
part in it). The services call these; the templates only use them to hide buttons.
"""

from accounts.models import Role
from casework.permissions import can_manage_case, can_view_case


def _perm(user, codename: str) -> bool:
    return bool(user.is_authenticated and user.has_perm(f"safetyplan.{codename}"))


def can_view_plan(user, case) -> bool:
    return _perm(user, "view_safetyplan") and can_view_case(user, case)


def can_edit_plan(user, case) -> bool:
    """The coordinator edits the whole draft and adopts it."""
    return _perm(user, "change_safetyplan") and can_manage_case(user, case)


def _takes_part(user, case) -> bool:
    return (
        user.organisation_id is not None
        and case.memberships.active()
        .organisations()
        .filter(organisation_id=user.organisation_id)
        .exists()
    )


def can_update_agreement(user, case, owner_organisation_id: int) -> bool:
    """Status and notes of an agreement: the coordinator, or a partner professional of the
    organisation that owns it."""
    if can_edit_plan(user, case):
        return True
    return (
        user.role == Role.PARTNER
        and _perm(user, "change_agreementprogress")
        and can_view_case(user, case)
        and user.organisation_id == owner_organisation_id
        and _takes_part(user, case)
    )


def can_record_score(user, case) -> bool:
    return (
        user.role in (Role.COORDINATOR, Role.PARTNER)
        and _perm(user, "add_scalescore")
        and can_view_case(user, case)
    )


def can_acknowledge(user, case) -> bool:
    """Someone of an organisation taking part acknowledges on behalf of it."""
    return (
        _perm(user, "add_planacknowledgement")
        and can_view_case(user, case)
        and _takes_part(user, case)
    )
