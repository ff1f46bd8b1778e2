# SPDX-License-Identifier: EUPL-1.2
from accounts.models import Role
from casework.selectors import case_ids_granted


def can_schedule_conference(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


def can_run_conference(user, conference) -> bool:
    """The coordinator runs the conference when they coordinate every case on it."""
    if not can_schedule_conference(user):
        return False
    # can_manage_case for every case at once: one query, however many cases are discussed.
    if not user.has_perm("casework.manage_case"):
        return False
    return not conference.parts.exclude(case_id__in=case_ids_granted(user, "manage_case")).exists()
