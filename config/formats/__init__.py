# SPDX-License-Identifier: EUPL-1.2
"""One format per kind of moment, for the whole application (FORMAT_MODULE_PATH).

Templates write `{{ value|date:"DATE_FORMAT" }}` or `{{ value|date:"DATETIME_FORMAT" }}`;
Python code calls `local_date` / `local_datetime`. Both show Europe/Amsterdam wall-clock
time (the `date` filter converts aware datetimes to the current time zone; so do these).
"""

from datetime import date, datetime

from django.utils import timezone
from django.utils.formats import date_format


def local_date(value: date | datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "DATE_FORMAT")


def local_datetime(value: datetime | None) -> str:
    if value is None:
        return "—"
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "DATETIME_FORMAT")
