# SPDX-License-Identifier: EUPL-1.2
import datetime

from django.utils import timezone

from casework.services.phases import case_transition, closure_decide, closure_request
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_incident, add_person, ready_to_start


def closed_case(**person_fields):
    """A case with persons and an incident, started and closed (fake data)."""
    case = ready_to_start(CaseFactory())
    add_person(
        case,
        roles=["perpetrator"],
        first_name="Kees",
        last_name="Pleegmans",
        date_of_birth=datetime.date(1984, 3, 9),
        phone="0612345678",
        email="kees.pleegmans@voorbeeld.invalid",
        address="Lindelaan 12, Enschede",
        **person_fields,
    )
    add_incident(case, description="Kees Pleegmans bedreigde Sanne met een mes (fictief).")
    case_transition(case=case, name="start", actor=case.coordinator, reason="Code Rood tafel")
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Veilig.")
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    closure_decide(actor=manager, case=case, approve=True, reason="Doelen bereikt")
    case.refresh_from_db()
    return case


def later(days: int) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=days)
