# SPDX-License-Identifier: EUPL-1.2
"""Wall-clock maths, done once: legal terms are counted in Europe/Amsterdam local time and
stored in UTC (20 March 14:00 plus ten days is 30 March 14:00, although the clocks moved on
29 March and the UTC distance is 239 hours)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
UTC = ZoneInfo("UTC")


def local_days_after(moment: datetime, days: int) -> datetime:
    """`moment` plus `days` calendar days at the same Amsterdam wall-clock time, in UTC.

    Aware-datetime arithmetic with a zoneinfo tz is wall-clock arithmetic; the result is
    normalised (fold/gap) by a round trip through UTC.
    """
    local = moment.astimezone(AMSTERDAM) + timedelta(days=days)
    return local.replace(tzinfo=None).replace(tzinfo=AMSTERDAM).astimezone(UTC)


def scan_day(now: datetime) -> date:
    """The local calendar day whose reminders are due at `now`: before the reminder hour
    it is still "yesterday" for the scan."""
    local = now.astimezone(AMSTERDAM)
    return (local - timedelta(hours=settings.CASUSREGIE_DEADLINE_REMINDER_HOUR)).date()
