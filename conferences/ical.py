# SPDX-License-Identifier: EUPL-1.2
"""The iCalendar invite of a conference: type, date, place and case references only.

The UID names this installation's host (SITE_URL), so two ZVH installations never produce
colliding events; SEQUENCE counts the changes of time or place, so a calendar replaces the
event it already holds; a cancelled conference is sent as METHOD:CANCEL (RFC 5546).
"""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def installation_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def conference_uid(conference) -> str:
    return f"conference-{conference.pk}@{installation_host()}"


def conference_ics(conference, references: list[str]) -> bytes:
    cancelled = conference.cancelled_at is not None
    calendar = Calendar()
    calendar.add("prodid", "-//Casusregie//Overleg//NL")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", conference_uid(conference))
    event.add("sequence", conference.sequence)
    event.add("organizer", f"mailto:{settings.DEFAULT_FROM_EMAIL}", parameters={"CN": "Casusregie"})
    event.add("dtstamp", timezone.now())
    event.add("dtstart", conference.starts_at)
    event.add("dtend", conference.starts_at + timedelta(minutes=conference.duration_minutes))
    event.add("summary", conference.get_kind_display())
    event.add("location", conference.location)
    event.add("description", "Casussen: " + ", ".join(references) if references else "")
    event.add("url", f"{settings.SITE_URL}/conferences/{conference.pk}/")
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    calendar.add_component(event)
    return calendar.to_ical()
