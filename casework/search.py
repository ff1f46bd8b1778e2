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
from django.db.models import Q

from accounts.models import OrganisationKind
from casework.models import Case, Municipality, Person
from casework.selectors import case_qs_visible_to, case_visible_q
from casework.text import fold

MIN_LENGTH = 2
RESULTS_PER_PAGE = 25
# Counted up to this many: a search that finds more says so and asks for a sharper term
# (counting every match of a common surname among 100,000 cases costs more than the page).
COUNT_CAP = 100
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
    """The cases that match, found from the match's side (the persons' trigram index, the
    municipality) and then each probed for visibility (casework.selectors.case_visible_q):
    a ZVH user may see all 100,000 cases of a region, a surname matches a few hundred."""
    text = query.strip()
    day = parse_date(text)
    if day is not None:
        match = Q(pk__in=Person.objects.filter(date_of_birth=day).values("case_id"))
    else:
        words = fold(text).split()
        named = Person.objects.all()
        for word in words:
            named = named.filter(search_name__contains=word)
        match = Q(pk__in=named.values("case_id"))
        # A reference has digits (ZVH-2026-0012); a name has none, and would otherwise
        # make every visible case's reference be read.
        if any(ch.isdigit() for ch in text):
            match |= Q(reference__contains=text.upper())
        folded = " ".join(words)
        municipality_ids = [
            pk
            for pk, name in Municipality.objects.values_list("pk", "name")
            if folded in fold(name)
        ]
        if municipality_ids:
            match |= Q(municipality_id__in=municipality_ids)
    if _sees_the_region(user):
        return Case.objects.filter(match).filter(case_visible_q(user, case_field="pk"))
    return case_qs_visible_to(user).filter(match)


def _sees_the_region(user) -> bool:
    """The ZVH's staff take part in nearly every case: probing each match for visibility
    beats gathering every case they may see. A partner's few hundred cases are gathered
    once. Both forms are the same rule (casework.selectors); only the plan differs."""
    organisation = getattr(user, "organisation", None)
    return organisation is not None and organisation.kind == OrganisationKind.ZVH


def case_search(*, user, query: str, page: int | str | None = 1) -> tuple[Page, list]:
    """One page of cases matching `query` among those `user` may see, newest first, and
    its results with the household names, in a fixed number of queries."""
    qs = (
        _matching(user, query)
        .select_related("municipality")
        .only("pk", "reference", "phase", "track", "registered_at", "municipality__name")
        .order_by("-registered_at", "-pk")
    )
    paginator = Paginator(qs, RESULTS_PER_PAGE)
    found = qs[: COUNT_CAP + 1].count()
    paginator.__dict__["count"] = min(found, COUNT_CAP)  # (a cached_property of Paginator)
    paginator.more_than_cap = found > COUNT_CAP
    result_page = paginator.get_page(page)
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
