# SPDX-License-Identifier: EUPL-1.2
"""Reads of the privacy room: retention dates, requests, the data-subject copy."""

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from casework.models import Case, Person, PhaseChange
from casework.selectors import case_qs_visible_to
from casework.text import fold
from privacy.models import Anonymisation, LegalHold, RetentionExtension


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the month's last day where it has none (31 Jan + 1)."""
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Retention:
    closed_on: date | None
    retain_until: date | None
    holds: list
    extensions: list
    anonymised_at: object

    @property
    def on_hold(self) -> bool:
        return bool(self.holds)


def _active_holds(case_ids, today: date) -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(case_id__in=case_ids, lifted_at__isnull=True).filter(
        Q(until__isnull=True) | Q(until__gte=today)
    )


def _closed_on(case_ids) -> dict[int, date]:
    closed: dict[int, date] = {}
    for case_id, at in (
        PhaseChange.objects.filter(case_id__in=case_ids, field="phase", to_state="closed")
        .order_by("at")
        .values_list("case_id", "at")
    ):
        closed[case_id] = timezone.localtime(at).date()  # the last closing counts
    return closed


def case_retention(case: Case, *, today: date) -> Retention:
    """The case's retention date: closing date + the configured term + recorded extensions."""
    closed_on = _closed_on([case.pk]).get(case.pk) if case.is_closed else None
    extensions = list(RetentionExtension.objects.filter(case=case).select_related("decided_by"))
    until = None
    if closed_on is not None:
        until = closed_on + timedelta(
            days=settings.CASUSREGIE_RETENTION_DAYS + sum(e.days for e in extensions)
        )
    # Only a closed case is ever anonymised (privacy.services.case_anonymise).
    anonymisation = Anonymisation.objects.filter(case=case).first() if case.is_closed else None
    return Retention(
        closed_on=closed_on,
        retain_until=until,
        holds=list(_active_holds([case.pk], today).select_related("placed_by")),
        extensions=extensions,
        anonymised_at=anonymisation.at if anonymisation else None,
    )


def _retention_dates(cases: list[Case]) -> dict[int, date]:
    ids = [c.pk for c in cases]
    closed = _closed_on(ids)
    extra: dict[int, int] = {}
    for case_id, days in RetentionExtension.objects.filter(case_id__in=ids).values_list(
        "case_id", "days"
    ):
        extra[case_id] = extra.get(case_id, 0) + days
    term = settings.CASUSREGIE_RETENTION_DAYS
    return {cid: day + timedelta(days=term + extra.get(cid, 0)) for cid, day in closed.items()}


def _candidates(qs: QuerySet[Case], today: date) -> QuerySet[Case]:
    return (
        qs.filter(phase="closed", anonymisation__isnull=True)
        .exclude(pk__in=_active_holds(qs.values("pk"), today).values("case_id"))
        .order_by("pk")
    )


def cases_past_retention(*, today: date) -> list[Case]:
    cases = list(_candidates(Case.objects.all(), today))
    dates = _retention_dates(cases)
    return [c for c in cases if c.pk in dates and dates[c.pk] < today]


def cases_due_for_anonymisation(*, user, today: date) -> list[tuple[Case, date]]:
    """Closed cases whose retention date falls within the notice period: coordinators see
    their own cases, log managers all (references and dates only, no personal data)."""
    base = Case.objects.all() if user.role == "log_manager" else case_qs_visible_to(user)
    cases = list(_candidates(base, today))
    dates = _retention_dates(cases)
    horizon = today + timedelta(days=settings.CASUSREGIE_RETENTION_NOTICE_DAYS)
    due = [(c, dates[c.pk]) for c in cases if c.pk in dates and dates[c.pk] <= horizon]
    return sorted(due, key=lambda pair: pair[1])


def persons_search(*, first_name: str, last_name: str, date_of_birth: date) -> list[Person]:
    """Every registration of a person across all cases (the contact point's search): the
    same name with this date of birth, and also registrations whose date of birth is not
    known (it is optional at registration) — the page marks those, so the contact point
    verifies them before adding them to the request rather than missing them."""
    # The folded name (casework.text.fold, Person.search_name): "Ayse Kilic" finds the
    # registration "Ayşe Kılıç", as the header search does.
    return list(
        Person.objects.filter(
            Q(date_of_birth=date_of_birth) | Q(date_of_birth__isnull=True),
            search_name=fold(f"{first_name} {last_name}"),
        )
        .select_related("case")
        .order_by("case__reference")
    )
