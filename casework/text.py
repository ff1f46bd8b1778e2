# SPDX-License-Identifier: EUPL-1.2
"""Folding names for search: "Kılıç", "KILIÇ" and "Kilic" all become "kilic".

The same function fills Person.search_name and folds what the user typed, so matching is
the same on PostgreSQL and SQLite. Unicode decomposition drops accents (ç → c, é → e);
letters without a decomposition get an explicit mapping (Turkish dotless ı and dotted İ,
ß, ø, ł, đ, æ, œ), because unicodedata leaves them as they are.
"""

import re
import unicodedata

_EXPLICIT = str.maketrans(
    {
        "ı": "i",
        "İ": "i",
        "ß": "ss",
        "ø": "o",
        "Ø": "o",
        "ł": "l",
        "Ł": "l",
        "đ": "d",
        "Đ": "d",
        "æ": "ae",
        "Æ": "ae",
        "œ": "oe",
        "Œ": "oe",
        "ĳ": "ij",
        "Ĳ": "ij",
    }
)
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower case, without diacritics, single spaces."""
    text = (text or "").translate(_EXPLICIT)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.casefold()).strip()
