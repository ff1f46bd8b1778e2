# SPDX-License-Identifier: EUPL-1.2
"""Demo time limits: a case registered three weeks ago that missed its targets, one reason
recorded, the others met or still running on the other demo cases. Idempotent. Fake."""

import datetime
from datetime import timedelta

from django.utils import timezone

from accounts.models import Organisation, User
from casework.demo import POLICE, demo_case
from casework.models import Case, Municipality
from casework.services.cases import case_register, person_create
from timeliness.models import Target, TargetMiss
from timeliness.services import target_miss_explain, targets_scan

TAG = "demo-termijnen-gemist"


def load() -> None:
    coordinator = User.objects.get(username="regisseur")
    now = timezone.now()
    if demo_case(TAG) is None:
        case = case_register(
            actor=coordinator,
            track="code_rood",
            municipality=Municipality.objects.get(name="Hengelo"),
            registering_organisation=Organisation.objects.get(name=POLICE),
            escalation_criteria=["acute_danger", "threat_to_life"],
            escalation_reason=f"Doodsbedreiging na aangifte; aanmelding op vrijdagavond. [{TAG}]",
            coordinator=coordinator,
        )
        person_create(
            actor=coordinator,
            case=case,
            roles=["victim"],
            first_name="Fenna",
            last_name="Smit-demo",
            # A date of birth like every demo person's: the migration test takes the demo
            # data back to a schema where it was required.
            date_of_birth=datetime.date(1992, 4, 17),
        )
        # Registered three weeks ago (the demo world is made today): the 24-hour, 7-day and
        # 14-day targets have passed without the steps they ask for.
        Case.objects.filter(pk=case.pk).update(registered_at=now - timedelta(days=21))
    targets_scan(now=now)
    case = demo_case(TAG)
    miss = TargetMiss.objects.filter(case=case, target=Target.URGENT_DISCUSSED, reason="").first()
    if miss is not None:
        target_miss_explain(
            actor=coordinator,
            miss=miss,
            reason="Aangemeld op vrijdagavond; het eerste spoedoverleg was maandag (fictief).",
        )
