# SPDX-License-Identifier: EUPL-1.2
from django.db.models import Exists, OuterRef

from accounts.models import Role
from casework.models import CaseGroupObjectPermission, CaseUserObjectPermission


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
    via_user = CaseUserObjectPermission.objects.filter(
        content_object=OuterRef("case_id"), user=user, permission__codename="manage_case"
    )
    via_group = CaseGroupObjectPermission.objects.filter(
        content_object=OuterRef("case_id"), group__user=user, permission__codename="manage_case"
    )
    return not conference.parts.exclude(Exists(via_user)).exclude(Exists(via_group)).exists()
