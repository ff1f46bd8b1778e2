# SPDX-License-Identifier: EUPL-1.2
"""The demo world has a perpetrator's track, loaded twice without duplicates."""

import pytest
from django.core.management import call_command

from casework.demo import demo_case
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from perpetrator.models import Breach, Condition, Custody

pytestmark = pytest.mark.django_db


def test_demo_track_loads_idempotently():
    call_command("load_demo_data")
    call_command("load_demo_data")
    case = demo_case("demo-directe-veiligheid")
    assert Condition.objects.filter(case=case).count() == 3
    assert Condition.objects.filter(case=case, confidentiality="sector").count() == 1
    breach = Breach.objects.get(case=case)
    assert breach.incident.case == case
    custody = Custody.objects.get(case=demo_case("demo-mda"))
    deadline = Deadline.objects.get(source_type="perpetrator.custody", source_id=custody.pk)
    assert deadline.kind == DeadlineKind.RELEASE and deadline.status == DeadlineStatus.OPEN
    assert Deadline.objects.filter(kind=DeadlineKind.CONDITION_END).count() == 2
