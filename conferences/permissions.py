# SPDX-License-Identifier: EUPL-1.2
from accounts.models import Role
from casework.selectors import case_granted_q


def can_schedule_conference(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


def can_run_conference(user, conference) -> bool:
    """The coordinator runs the conference when they coordinate every case on it."""
    if not can_schedule_conference(user):
        return False
    # can_manage_case for every case at once: one query, however many cases are discussed,
    # probing the grant of each case on the conference (two index probes a case) instead of
    # gathering every case the user manages (100,000 for a ZVH coordinator).
    if not user.has_perm("casework.manage_case"):
        return False
    return not conference.parts.exclude(case_granted_q(user, "manage_case")).exists()
