# SPDX-License-Identifier: EUPL-1.2
"""English: 3 March 2026 and 3 March 2026 14:05 (the same order and clock as in Dutch)."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
SHORT_DATE_FORMAT = "d-m-Y"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
TIME_FORMAT = "H:i"
