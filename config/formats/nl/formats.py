# SPDX-License-Identifier: EUPL-1.2
"""Dutch: 3 maart 2026 and 3 maart 2026 14:05 (24-hour clock)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
