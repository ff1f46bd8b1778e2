# SPDX-License-Identifier: EUPL-1.2
"""Demo ratings of victims' own safety, recorded through the service. Idempotent. Fake."""

from django.utils import timezone

from accounts.models import User
from casework.demo import demo_case
from outcomes.models import VictimRating
from outcomes.services import rating_record


def _rate(case, coordinator, first, moment, score, asked_by):
    if case is None:
        return
    person = case.persons.get(first_name=first)
    if VictimRating.objects.filter(case=case, person=person, moment=moment).exists():
        return
    rating_record(
        actor=coordinator,
        case=case,
        person=person,
        moment=moment,
        score=score,
        rated_on=timezone.localdate(),
        asked_by=asked_by,
    )


def load() -> None:
    coordinator = User.objects.get(username="regisseur")
    shelter = "Olga Opvang (Vrouwenopvang Twente, demo)"
    _rate(demo_case("demo-directe-veiligheid"), coordinator, "Sanne", "start", 2, shelter)
    closed = demo_case("demo-afgesloten")
    _rate(closed, coordinator, "Ingrid", "start", 3, "Ria Regisseur (ZVH Twente, demo)")
    _rate(closed, coordinator, "Ingrid", "closing", 7, "Ria Regisseur (ZVH Twente, demo)")
