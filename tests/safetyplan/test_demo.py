# SPDX-License-Identifier: EUPL-1.2
"""The demo world: plans built through the services, loaded twice without duplicates."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from casework.demo import demo_case
from casework.models import Phase
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from safetyplan.models import AgreementStatus, PlanVersion, SafetyAgreement

pytestmark = pytest.mark.django_db


def test_demo_plans_load_idempotently():
    call_command("load_demo_data")
    call_command("load_demo_data")
    case = demo_case("demo-directe-veiligheid")
    versions = PlanVersion.objects.filter(plan__case=case).order_by("number")
    assert [(v.number, v.status) for v in versions] == [(1, "adopted"), (2, "draft")]
    v1 = versions[0]
    assert v1.risk_items.count() == 3
    assert v1.acknowledgements.count() == 2
    assert all(item.risk.scores.count() == 4 for item in v1.risk_items.all())
    overdue = SafetyAgreement.objects.filter(
        version=v1, due_date__lt=timezone.localdate(), progress__status=AgreementStatus.OPEN
    )
    assert overdue.count() == 1
    deadline = Deadline.objects.get(
        kind=DeadlineKind.AGREEMENT, source_id=overdue.get().progress_id
    )
    assert deadline.status == DeadlineStatus.OPEN and deadline.due_date < timezone.localdate()
    assert demo_case("demo-stabiel").phase == Phase.STABLE_SAFETY
    assert demo_case("demo-herstel").phase == Phase.RECOVERY
