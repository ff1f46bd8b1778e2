# SPDX-License-Identifier: EUPL-1.2
"""Calendar files: a UID of this installation, updates with SEQUENCE, cancellations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from audit.models import AuditEntry
from conferences import services
from conferences.ical import conference_ics
from conferences.models import CaseConference
from tests.conferences.test_conferences import next_week, schedule
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start

pytestmark = pytest.mark.django_db


@pytest.fixture
def conference():
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    return coordinator, schedule(coordinator, [case])


def event_of(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_uid_names_the_installation_host_so_two_installations_never_collide(conference):
    _, conf = conference
    with override_settings(SITE_URL="https://casusregie.zvh-twente.nl"):
        _, twente = event_of(conference_ics(conf, []))
    with override_settings(SITE_URL="https://casusregie.zvh-ijsselland.nl:8443/"):
        _, ijsselland = event_of(conference_ics(conf, []))
    assert str(twente["UID"]) == f"conference-{conf.pk}@casusregie.zvh-twente.nl"
    assert str(ijsselland["UID"]) == f"conference-{conf.pk}@casusregie.zvh-ijsselland.nl"


def test_a_new_conference_is_published_with_sequence_zero(conference):
    _, conf = conference
    calendar, event = event_of(conference_ics(conf, []))
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert int(event["SEQUENCE"]) == 0
    assert str(event["STATUS"]) == "CONFIRMED"


def test_moving_a_conference_raises_the_sequence_and_the_calendar_shows_the_new_time(
    client, conference
):
    coordinator, conf = conference
    later = next_week() + datetime.timedelta(days=1)
    services.conference_reschedule(
        actor=coordinator,
        conference=conf,
        starts_at=later,
        location="Gemeentehuis Enschede",
        duration_minutes=60,
    )
    client.force_login(coordinator)
    ics = client.get(reverse("conferences:conference_ics", args=[conf.pk])).content
    calendar, event = event_of(ics)
    assert int(event["SEQUENCE"]) == 1
    assert event.decoded("DTSTART") == later.replace(microsecond=0)
    assert str(event["LOCATION"]) == "Gemeentehuis Enschede"
    assert str(calendar["METHOD"]) == "PUBLISH"
    assert AuditEntry.objects.filter(action="update", case_id=conf.parts.get().case_id).exists()


def test_saving_the_same_time_and_place_is_no_update(conference):
    coordinator, conf = conference
    services.conference_reschedule(
        actor=coordinator,
        conference=conf,
        starts_at=conf.starts_at,
        location=conf.location,
        duration_minutes=conf.duration_minutes,
    )
    conf.refresh_from_db()
    assert conf.sequence == 0


def test_a_cancelled_conference_is_sent_as_a_cancellation(client, conference):
    coordinator, conf = conference
    services.conference_cancel(actor=coordinator, conference=conf)
    client.force_login(coordinator)
    calendar, event = event_of(
        client.get(reverse("conferences:conference_ics", args=[conf.pk])).content
    )
    assert str(calendar["METHOD"]) == "CANCEL"
    assert str(event["STATUS"]) == "CANCELLED"
    assert int(event["SEQUENCE"]) == 1
    assert str(event["UID"]).startswith(f"conference-{conf.pk}@")


def test_a_cancelled_conference_cannot_be_moved_or_cancelled_again(conference):
    coordinator, conf = conference
    services.conference_cancel(actor=coordinator, conference=conf)
    with pytest.raises(ValidationError) as refused:
        services.conference_reschedule(
            actor=coordinator,
            conference=conf,
            starts_at=next_week(),
            location="Elders",
            duration_minutes=90,
        )
    assert "Dit overleg is geannuleerd." in refused.value.messages
    with pytest.raises(ValidationError):
        services.conference_cancel(actor=coordinator, conference=conf)


def test_moving_into_the_past_is_refused_with_a_dutch_message(conference):
    coordinator, conf = conference
    with pytest.raises(ValidationError) as refused:
        services.conference_reschedule(
            actor=coordinator,
            conference=conf,
            starts_at=next_week() - datetime.timedelta(days=30),
            location=conf.location,
            duration_minutes=90,
        )
    assert refused.value.message_dict["starts_at"] == [
        "Een overleg kan niet in het verleden worden gepland."
    ]


def test_only_who_runs_the_conference_may_move_or_cancel_it(conference):
    _, conf = conference
    stranger = UserFactory(coordinator=True)
    with pytest.raises(PermissionDenied):
        services.conference_cancel(actor=stranger, conference=conf)
    with pytest.raises(PermissionDenied):
        services.conference_reschedule(
            actor=stranger,
            conference=conf,
            starts_at=next_week(),
            location="Elders",
            duration_minutes=90,
        )
    conf.refresh_from_db()
    assert conf.cancelled_at is None and conf.sequence == 0


def test_the_coordinator_moves_a_conference_through_its_page(client, conference):
    coordinator, conf = conference
    client.force_login(coordinator)
    url = reverse("conferences:conference_change", args=[conf.pk])
    detail = client.get(reverse("conferences:conference_detail", args=[conf.pk])).content.decode()
    assert url in detail
    later = (next_week() + datetime.timedelta(days=2)).astimezone(datetime.UTC)
    response = client.post(
        url,
        {
            "starts_at": timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
            "location": "Stadskantoor Hengelo",
            "duration_minutes": "60",
        },
    )
    assert response.status_code == 302
    conf.refresh_from_db()
    assert conf.location == "Stadskantoor Hengelo" and conf.sequence == 1


def test_bad_input_on_the_change_page_keeps_what_was_typed(client, conference):
    coordinator, conf = conference
    client.force_login(coordinator)
    response = client.post(
        reverse("conferences:conference_change", args=[conf.pk]),
        {"starts_at": "morgen", "location": "Zaal 4", "duration_minutes": "5"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een geldige datum en tijd in." in html
    assert "Een overleg duurt ten minste 15 minuten." in html
    assert 'value="Zaal 4"' in html
    conf.refresh_from_db()
    assert conf.sequence == 0


def test_the_coordinator_cancels_and_the_page_says_so(client, conference):
    coordinator, conf = conference
    client.force_login(coordinator)
    response = client.post(
        reverse("conferences:conference_change", args=[conf.pk]), {"op": "cancel"}
    )
    assert response.status_code == 302
    detail = client.get(reverse("conferences:conference_detail", args=[conf.pk])).content.decode()
    assert "Dit overleg is geannuleerd op" in detail
    assert reverse("conferences:conference_change", args=[conf.pk]) not in detail


def test_a_stranger_gets_404_on_the_change_page(client, conference):
    _, conf = conference
    client.force_login(UserFactory(coordinator=True))
    url = reverse("conferences:conference_change", args=[conf.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"op": "cancel"}).status_code == 404
    conf.refresh_from_db()
    assert conf.cancelled_at is None


def test_demo_data_shows_a_moved_conference_once():
    call_command("load_demo_data")
    call_command("load_demo_data")
    moved = CaseConference.objects.filter(sequence=1)
    assert moved.count() == 1
    assert moved.get().cancelled_at is None
