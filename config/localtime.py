# SPDX-License-Identifier: EUPL-1.2
"""Local time, exact or refused (docs/deadlines.md). A wall-clock time is entered in the
current time zone (Europe/Amsterdam). In spring one hour does not exist (02:00-03:00 on the
last Sunday of March): refused with one message, in the forms and in the services. In autumn
one hour occurs twice (02:00-03:00 on the last Sunday of October): the form asks which one is
meant, the first (summer time, CEST) or the second (winter time, CET)."""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

FIRST, SECOND = "first", "second"


def local_time_missing(moment: datetime) -> bool:
    """True for an aware wall-clock time that does not exist in its zone (zoneinfo would
    silently move it an hour). A UTC instant always exists."""
    if timezone.is_naive(moment) or getattr(moment.tzinfo, "key", "UTC") == "UTC":
        return False
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) != moment.replace(tzinfo=None)


def local_time_ambiguous(moment: datetime) -> bool:
    """True for a wall-clock time that occurs twice in the current time zone."""
    zone = timezone.get_current_timezone()
    naive = timezone.make_naive(moment, zone) if timezone.is_aware(moment) else moment
    first, second = naive.replace(tzinfo=zone, fold=0), naive.replace(tzinfo=zone, fold=1)
    return first.utcoffset() != second.utcoffset()


def missing_time_message(moment: datetime) -> str:
    """The one Dutch message for the skipped hour, in forms and services alike."""
    return gettext(
        "%(time)s bestaat niet: die nacht gaat de klok een uur vooruit. Kies een tijd vóór "
        "02:00 of vanaf 03:00."
    ) % {"time": date_format(moment.replace(tzinfo=None), "DATETIME_FORMAT")}


def occurrence_choices(moment: datetime) -> list[tuple[str, str]]:
    zone = timezone.get_current_timezone()
    naive = moment.replace(tzinfo=None)
    first = naive.replace(tzinfo=zone, fold=0).tzname()
    second = naive.replace(tzinfo=zone, fold=1).tzname()
    return [
        (FIRST, gettext("de eerste keer (%(zone)s, zomertijd)") % {"zone": first}),
        (SECOND, gettext("de tweede keer (%(zone)s, wintertijd)") % {"zone": second}),
    ]
