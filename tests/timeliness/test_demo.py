# SPDX-License-Identifier: EUPL-1.2
"""The demo world has missed and met targets and one recorded reason, loaded twice without
duplicates."""

import pytest
from django.core.management import call_command

from casework.demo import demo_case
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from timeliness.demo import TAG
from timeliness.models import Target, TargetMiss

pytestmark = pytest.mark.django_db


def test_demo_time_limits_load_idempotently():
    call_command("load_demo_data")
    call_command("load_demo_data")
    case = demo_case(TAG)
    misses = TargetMiss.objects.filter(case=case)
    assert sorted(misses.values_list("target", flat=True)) == sorted(
        [Target.URGENT_DISCUSSED, Target.IMMEDIATE_SAFETY, Target.PLAN_ADOPTED]
    )
    explained = misses.exclude(reason="")
    assert list(explained.values_list("target", flat=True)) == [Target.URGENT_DISCUSSED]
    deadlines = Deadline.objects.filter(case=case, kind=DeadlineKind.TARGET)
    assert deadlines.count() == 3
    assert deadlines.filter(status=DeadlineStatus.DONE).count() == 1
