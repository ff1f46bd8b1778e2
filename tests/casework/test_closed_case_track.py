# SPDX-License-Identifier: EUPL-1.2
"""A closed case is closed for the track too: the service refuses, the page offers nothing."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from casework.models import Phase, PhaseChange, Track
from casework.services.phases import (
    case_transition,
    closure_decide,
    closure_request,
    transition_options,
)
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start

pytestmark = pytest.mark.django_db


def closed_code_rood_case():
    case = ready_to_start(CaseFactory(track=Track.CODE_ROOD))
    case = case_transition(case=case, name="start", actor=case.coordinator, reason="Tafel")
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    closure_request(actor=case.coordinator, case=case, reason="goals_reached", summary="Veilig.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    case.refresh_from_db()
    assert case.phase == Phase.CLOSED
    return case


def test_the_service_refuses_a_track_change_on_a_closed_case():
    case = closed_code_rood_case()
    with pytest.raises(ValidationError) as refused:
        case_transition(case=case, name="deescalate", actor=case.coordinator, reason="Rust")
    assert "Een afgesloten casus verandert niet van spoor" in refused.value.messages[0]
    case.refresh_from_db()
    assert case.track == Track.CODE_ROOD
    assert not PhaseChange.objects.filter(case=case, field="track").exists()


def test_the_case_page_of_a_closed_case_offers_no_track_change(client):
    case = closed_code_rood_case()
    assert [o.name for o in transition_options(case=case, user=case.coordinator)] == []
    client.force_login(case.coordinator)
    html = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "Afschalen naar MDA++" not in html
    url = reverse("casework:transition", args=[case.pk, "deescalate"])
    client.post(url, {"reason": "Toch"})
    case.refresh_from_db()
    assert case.track == Track.CODE_ROOD
