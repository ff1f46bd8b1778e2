# SPDX-License-Identifier: EUPL-1.2
"""Demo items of the perpetrator's track, built through the services. Idempotent: each
step checks whether its result already exists. All data is fake."""

import datetime

from django.utils import timezone

from accounts.models import User
from casework.demo import demo_case
from perpetrator.models import Breach, Condition, Custody
from perpetrator.services import breach_record, condition_record, custody_record


def load() -> None:
    now = timezone.now()
    today = timezone.localdate(now)
    days = datetime.timedelta
    coordinator = User.objects.get(username="regisseur")
    probation = User.objects.get(username="reclassering")
    police = User.objects.get(username="politie")

    case = demo_case("demo-directe-veiligheid")
    if case is not None:
        mark = case.persons.get(first_name="Mark", last_name="Bakker-demo")
        if not Condition.objects.filter(case=case).exists():
            contact_ban = condition_record(
                actor=probation,
                case=case,
                person=mark,
                kind="contact_ban",
                imposed_by="court",
                starts_on=today - days(10),
                ends_on=today + days(80),
                details="Geen contact met de ex-partner en de kinderen (fictief).",
            )
            condition_record(
                actor=probation,
                case=case,
                person=mark,
                kind="area_ban",
                imposed_by="prosecutor",
                starts_on=today - days(10),
                ends_on=today + days(9),
                details="Niet in de wijk van de opvanglocatie (fictief).",
            )
            condition_record(
                actor=probation,
                case=case,
                person=mark,
                kind="reporting_duty",
                imposed_by="probation",
                starts_on=today - days(10),
                confidentiality="sector",
                details="Wekelijks melden bij de reclassering (alleen justitie, fictief).",
            )
            if not Breach.objects.filter(case=case).exists():
                breach_record(
                    actor=police,
                    case=case,
                    condition=contact_ban,
                    occurred_at=now - days(1),
                    description="Berichten gestuurd aan de ex-partner (fictief).",
                )

    case = demo_case("demo-mda")
    if case is not None and not Custody.objects.filter(case=case).exists():
        youssef = case.persons.get(first_name="Youssef", last_name="El Amrani-demo")
        custody_record(
            actor=coordinator,
            case=case,
            person=youssef,
            custody_on=today - days(20),
            release_on=today + days(6),
            details="Voorlopige hechtenis (fictief).",
        )
