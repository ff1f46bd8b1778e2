# SPDX-License-Identifier: EUPL-1.2
"""Minutes only after the meeting, with a confirmation step; the agenda names a running
huisverbod; a proposed transition is shown by its label, never its identifier."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from conferences import services
from conferences.forms import DecisionForm
from conferences.models import AgendaKind
from huisverbod.models import Huisverbod
from tests.conferences.test_conferences import schedule, schedule_held
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coordinator = UserFactory(coordinator=True)
    return coordinator, ready_to_start(CaseFactory(coordinator=coordinator))


def test_minutes_cannot_be_adopted_before_the_conference_starts(world):
    coordinator, case = world
    conference = schedule(coordinator, [case])
    with pytest.raises(ValidationError) as refused:
        services.minutes_adopt(actor=coordinator, conference=conference)
    assert "pas worden vastgesteld na de start van het overleg" in refused.value.messages[0]
    conference.refresh_from_db()
    assert not conference.is_frozen


def test_page_offers_no_adopt_button_before_the_start(client, world):
    coordinator, case = world
    conference = schedule(coordinator, [case])
    client.force_login(coordinator)
    html = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content
    assert "kan worden vastgesteld na de start van het overleg" in html.decode()
    assert 'value="adopt"' not in html.decode()


def test_adopting_minutes_first_shows_what_freezes_and_asks_to_confirm(client, world):
    coordinator, case = world
    conference = schedule_held(coordinator, [case])
    part = conference.parts.get()
    services.decision_record(actor=coordinator, part=part, text="Handhaven", proposal="none")
    client.force_login(coordinator)
    url = reverse("conferences:minutes_adopt", args=[conference.pk])
    first = client.post(url)
    assert first.status_code == 200
    html = first.content.decode()
    assert "Dit wordt bevroren" in html and "1 besluiten" in html and case.reference in html
    assert 'name="confirm" value="yes"' in html
    conference.refresh_from_db()
    assert not conference.is_frozen  # the first step changes nothing
    assert client.post(url, {"confirm": "yes"}).status_code == 302
    conference.refresh_from_db()
    assert conference.is_frozen


def test_a_running_huisverbod_is_proposed_even_when_its_end_is_weeks_away(world):
    coordinator, case = world
    now = timezone.now()
    Huisverbod.objects.create(
        case=case,
        person=add_person(case, first_name="Piet", roles=("perpetrator",)),
        imposed_at=now - datetime.timedelta(days=1),
        imposed_by="mayor",
        ends_at=now + datetime.timedelta(days=9),
        recorded_by=coordinator,
        status="extended",
    )
    conference = schedule(coordinator, [case])
    points = conference.parts.get().agenda.filter(kind=AgendaKind.HUISVERBOD)
    assert points.count() == 1
    assert "Lopend huisverbod" in points.get().text


RAW = re.compile(r"^[a-z][a-z_]*$")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_proposed_transition_choices_show_labels_not_identifiers(language):
    with translation.override(language):
        labels = [
            str(label) for value, label in DecisionForm().fields["proposed_transition"].choices
        ]
    raw = [label for label in labels if RAW.match(label)]
    assert not raw, raw
    expected = "Afschalen naar MDA++" if language == "nl" else "De-escalate to MDA++"
    assert expected in labels


def test_a_decision_names_its_transition_by_label(client, world):
    coordinator, case = world
    conference = schedule(coordinator, [case])
    part = conference.parts.get()
    services.decision_record(
        actor=coordinator,
        part=part,
        text="Starten",
        proposal="transition",
        proposed_transition="start",
    )
    client.force_login(coordinator)
    html = client.get(reverse("conferences:conference_detail", args=[conference.pk])).content
    assert 'stelt faseovergang "Start directe veiligheid" voor' in html.decode()


def test_each_conference_operation_confirms_what_happened(client, world):
    coordinator, case = world
    conference = schedule_held(coordinator, [case])
    part = conference.parts.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("conferences:decision", args=[conference.pk, part.pk]),
        {f"p{part.pk}-decision-text": "Handhaven", f"p{part.pk}-decision-proposal": "none"},
        follow=True,
    )
    assert response.redirect_chain[-1][0].endswith(f"#part-{part.pk}")
    html = response.content.decode()
    assert 'role="status"' in html and "Besluit vastgelegd." in html
    response = client.post(
        reverse("conferences:minutes_adopt", args=[conference.pk]), {"confirm": "yes"}, follow=True
    )
    assert "Verslag vastgesteld." in response.content.decode()
    assert "Verslag als PDF" in response.content.decode()
