# SPDX-License-Identifier: EUPL-1.2
from accounts.models import Role
from casework.permissions import can_manage_case


def can_schedule_conference(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.role == Role.COORDINATOR)


def can_run_conference(user, conference) -> bool:
    """The coordinator runs the conference when they coordinate every case on it."""
    if not can_schedule_conference(user):
        return False
    return all(can_manage_case(user, part.case) for part in conference.parts.all())
