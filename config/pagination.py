# SPDX-License-Identifier: EUPL-1.2
"""A paginator that never counts: it reads one row more than a page to know whether a
next page exists. Counting every case a ZVH user may see meant a scan of all visible
cases on every list request; the page says it shows no total (docs/performance.md)."""

from dataclasses import dataclass

# The largest row offset a database takes (a signed 64-bit integer, PostgreSQL's bigint and
# SQLite's INTEGER). A page number beyond it cannot have rows: asking would be an error.
LARGEST_OFFSET = 2**63 - 1


@dataclass
class NextPage:
    object_list: list
    number: int
    has_next: bool

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def page_number(value) -> int:
    """1 for anything that is not a positive whole number."""
    try:
        return max(int(value), 1)
    except (TypeError, ValueError):
        return 1


def next_page(queryset, *, per_page: int, number) -> NextPage:
    """Page `number` (1 for anything that is not a positive whole number) of an ordered
    queryset, in one query. A page past the end is empty and says so."""
    return next_page_of(
        lambda offset, limit: list(queryset[offset : offset + limit]),
        per_page=per_page,
        number=number,
    )


def next_page_of(fetch, *, per_page: int, number) -> NextPage:
    """The same, from `fetch(offset, limit)` that returns those rows of an ordered list."""
    number = page_number(number)
    offset = (number - 1) * per_page
    if offset + per_page + 1 > LARGEST_OFFSET:
        return NextPage([], number, False)
    rows = fetch(offset, per_page + 1)
    return NextPage(rows[:per_page], number, len(rows) > per_page)
