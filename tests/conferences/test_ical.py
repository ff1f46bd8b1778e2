# SPDX-License-Identifier: EUPL-1.2
"""Calendar files: a UID of this installation, updates with SEQUENCE, cancellations."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from icalendar import Calendar

from audit.models import AuditEntry
from conferences import services
from conferences.ical import conference_ics
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
