# SPDX-License-Identifier: EUPL-1.2
"""The iCalendar invite of a conference: type, date, place and case references only."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event


def conference_ics(conference, references: list[str]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Casusregie//Overleg//NL")
    calendar.add("version", "2.0")
    event = Event()
    event.add("uid", f"conference-{conference.pk}@casusregie")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", conference.starts_at)
    event.add("dtend", conference.starts_at + timedelta(minutes=conference.duration_minutes))
    event.add("summary", conference.get_kind_display())
    event.add("location", conference.location)
    event.add("description", "Casussen: " + ", ".join(references) if references else "")
    event.add("url", f"{settings.SITE_URL}/conferences/{conference.pk}/")
    calendar.add_component(event)
    return calendar.to_ical()
