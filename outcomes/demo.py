# SPDX-License-Identifier: EUPL-1.2
"""Demo ratings of victims' own safety, recorded through the service, and a victim of the
closed demo case back within 12 months (a new case, confirmed as already known).
Idempotent. Fake."""

import datetime

from django.utils import timezone

from accounts.models import User
from casework.demo import VEILIG_THUIS, _register, demo_case
from casework.services.cases import person_link_known
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
    if closed is not None and demo_case("demo-terug") is None:
        # Registered after the closing; the coordinator confirms "Already known?", so the
        # factsheet and the dashboard count the closed case as back within 12 months.
        again = _register(
            "demo-terug",
            track="mda",
            municipality="Borne",
            registering=VEILIG_THUIS,
            criteria=[],
            reason="Opnieuw een melding over Ingrid (fictief).",
            partners=[],
            persons=[(["victim"], "Ingrid", "Mulder-demo", datetime.date(1970, 12, 1), {})],
        )
        person_link_known(
            actor=coordinator,
            person=again.persons.get(),
            known=list(closed.persons.filter(first_name="Ingrid")),
        )
