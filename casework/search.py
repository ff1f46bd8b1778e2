# SPDX-License-Identifier: EUPL-1.2
"""Finding a household (issue 16): by reference, a person's name (partial, without
diacritics), a date of birth or the municipality — only among the cases the user may see.

Names are matched on Person.search_name, folded by casework.text.fold when the person is
saved; the query is folded the same way, so "Kilic" finds "Kılıç" on every database. On
PostgreSQL the LIKE '%…%' runs on a pg_trgm GIN index (migration 0007). What is searched
is never a shelter address, an incident or any free text: only names, dates of birth,
references and municipalities, so a result can reveal nothing beyond those.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q

from casework.models import Case, Municipality, Person
from casework.selectors import case_qs_visible_to
from casework.text import fold

MIN_LENGTH = 2
RESULTS_PER_PAGE = 25
DATE_FORMATS = ("%d-%m-%Y", "%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d")


@dataclass(frozen=True)
class SearchResult:
    case: Case
    household: str  # the household's surnames, as the case page shows them
    persons: list  # the persons whose names are shown (for the access log)


def parse_date(text: str) -> date | None:
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()  # noqa: DTZ007 (a date, not a time)
        except ValueError:
            continue
    return None


def _matching(user, query: str):
    text = query.strip()
    day = parse_date(text)
    persons = Person.objects.filter(case=OuterRef("pk"))
    if day is not None:
        return case_qs_visible_to(user).filter(Exists(persons.filter(date_of_birth=day)))
    words = fold(text).split()
    named = persons
    for word in words:
        named = named.filter(search_name__contains=word)
    folded = " ".join(words)
    municipality_ids = [
        pk for pk, name in Municipality.objects.values_list("pk", "name") if folded in fold(name)
    ]
    match = Q(reference__contains=text.upper()) | Q(Exists(named))
    if municipality_ids:
        match |= Q(municipality_id__in=municipality_ids)
    return case_qs_visible_to(user).filter(match)


def case_search(*, user, query: str, page: int | str | None = 1) -> tuple[Page, list]:
    """One page of cases matching `query` among those `user` may see, newest first, and
    its results with the household names, in a fixed number of queries."""
    qs = (
        _matching(user, query)
        .select_related("municipality")
        .only("pk", "reference", "phase", "track", "registered_at", "municipality__name")
        .order_by("-registered_at", "-pk")
    )
    result_page = Paginator(qs, RESULTS_PER_PAGE).get_page(page)
    cases = list(result_page.object_list)
    by_case: dict[int, list] = {case.pk: [] for case in cases}
    for person in (
        Person.objects.filter(case_id__in=by_case)
        .only("pk", "case_id", "last_name", "first_name", "is_victim")
        .order_by("-is_victim", "last_name", "pk")
    ):
        by_case[person.case_id].append(person)
    results = []
    for case in cases:
        persons = by_case[case.pk]
        surnames = list(dict.fromkeys(p.last_name for p in persons))
        results.append(SearchResult(case, " / ".join(surnames) or "—", persons))
    return result_page, results
