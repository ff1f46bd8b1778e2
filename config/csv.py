# SPDX-License-Identifier: EUPL-1.2
"""The one CSV writer of every export: semicolon-separated UTF-8 with a byte-order mark
(so spreadsheet programs read it), and every cell that a spreadsheet would take for a
formula — starting with =, +, -, @, a tab or a carriage return — neutralised with a
leading apostrophe (CSV injection, OWASP)."""

import csv
from collections.abc import Iterable

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class SafeWriter:
    """csv.writer that neutralises every cell it writes."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, delimiter=";")

    def writerow(self, row: Iterable) -> None:
        self._writer.writerow([csv_safe(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable]) -> None:
        for row in rows:
            self.writerow(row)


def csv_response(filename: str) -> tuple[HttpResponse, SafeWriter]:
    """An attachment response and the safe writer that fills it."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    return response, SafeWriter(response)
