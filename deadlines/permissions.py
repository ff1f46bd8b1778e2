# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates for huisverboden and escalations (pure, like casework.permissions)."""

from accounts.models import Role
from casework.permissions import can_view_case


def can_decide_escalation(user, escalation) -> bool:
    """A manager of the owning organisation or of the coordinating ZVH."""
    if user.role != Role.MANAGER or not user.has_perm("deadlines.change_escalation"):
        return False
    case = escalation.case
    coordinating = case.coordinator.organisation_id if case.coordinator_id else None
    if user.organisation_id not in {escalation.owner_organisation_id, coordinating}:
        return False
    return can_view_case(user, case)
