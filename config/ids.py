# SPDX-License-Identifier: EUPL-1.2
"""Ids in URLs and forms: anything that cannot be a database id is simply "not found"."""

MAX_ID = 2**63 - 1  # the largest BigAutoField value; a larger id is never a database error


def id_in_range(value) -> bool:
    return isinstance(value, int) and 0 < value <= MAX_ID


def parse_id(value) -> int | None:
    """The id, or None when the value cannot be one (wrong type, out of range)."""
    try:
        pk = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return pk if 0 < pk <= MAX_ID else None
