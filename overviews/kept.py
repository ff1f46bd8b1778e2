# SPDX-License-Identifier: EUPL-1.2
"""Kept figures of the manager's dashboard and the factsheet (issue 14).

Both pages add up every case the user may see: at 100,000 cases over eight years that is
about a second of database time per view (outcomes per year, the Code Rood history, the
medians). So the figures are computed once and kept per user, page and year
(`KeptFigures`), and a view reads one row:

- kept figures younger than CASUSREGIE_FIGURES_FRESH (15 minutes) are shown as they are;
- older ones are shown too, while the worker computes new ones (asked once per quarter);
- none kept, or older than CASUSREGIE_FIGURES_MAX_AGE (a day): the view computes them.

The page says when its figures were computed and offers "Nu bijwerken", which computes
them at once. Kept figures are per user, so they never show another user's scope; they go
when the user's role, organisation, teams or account change (overviews.apps). What the
manager must act on — the escalations waiting for a decision — is always read live."""

from dataclasses import asdict, dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from outcomes.selectors import (
    NATIONAL_REPEAT_RATE,
    OnTimeRow,
    YearOutcome,
    on_time_by_organisation,
    outcomes_by_year,
)
from overviews.models import FiguresPage, KeptFigures
from overviews.selectors import factsheet, factsheet_from, manager_figures
from timeliness.selectors import target_shares, target_shares_from


def _outcome_figures(user, *, year: int, now: datetime) -> dict:
    """The outcomes per year of closing and the on-time share per organisation in `year`
    (issue 20), shown on both pages."""
    on_time = on_time_by_organisation(
        user, start=date(year, 1, 1), end=date(year, 12, 31), today=timezone.localdate(now)
    )
    return {
        "outcome_years": [asdict(row) for row in outcomes_by_year(user, now=now)],
        "on_time": [asdict(row) for row in on_time],
    }


def compute(user, page: str, year: int, *, now: datetime) -> dict:
    """The page's figures as plain values (JSON), computed now."""
    figures = _outcome_figures(user, year=year, now=now)
    if page == FiguresPage.MANAGER:
        shares = target_shares(user, year=year, now=now)
        figures["overview"] = manager_figures(user, now=now, year=year)
        figures["shares"] = [[s.target, s.due, s.met] for s in shares]
    else:
        figures["sheet"] = asdict(factsheet(user, year=year))
    return figures


def _store(user, page: str, year: int, figures: dict, now: datetime) -> KeptFigures:
    kept, _created = KeptFigures.objects.update_or_create(
        user=user,
        page=page,
        year=year,
        defaults={"figures": figures, "computed_at": now, "refresh_asked_at": None},
    )
    return kept


def recompute(user, page: str, year: int, *, now: datetime | None = None) -> KeptFigures:
    now = now or timezone.now()
    return _store(user, page, year, compute(user, page, year, now=now), now)


@dataclass(frozen=True)
class Figures:
    """What a page shows: the figures and when they were computed."""

    values: dict
    computed_at: datetime
    refreshing: bool  # the worker has been asked for newer ones

    def outcomes_context(self) -> dict:
        return {
            "outcome_years": [YearOutcome(**row) for row in self.values["outcome_years"]],
            "national_repeat_rate": NATIONAL_REPEAT_RATE,
            "on_time": [OnTimeRow(**row) for row in self.values["on_time"]],
        }

    def sheet(self):
        return factsheet_from(self.values["sheet"])

    def shares(self) -> list:
        return target_shares_from(self.values.get("shares", []))


def figures_for(user, page: str, year: int, *, now: datetime) -> Figures:
    """The kept figures of this page and year, computed here if none are usable."""
    kept = KeptFigures.objects.filter(user=user, page=page, year=year).first()
    if kept is None or kept.computed_at < now - settings.CASUSREGIE_FIGURES_MAX_AGE:
        kept = recompute(user, page, year, now=now)
        return Figures(kept.figures, kept.computed_at, refreshing=False)
    refreshing = kept.refresh_asked_at is not None
    if kept.computed_at < now - settings.CASUSREGIE_FIGURES_FRESH:
        refreshing = _ask_refresh(kept, now=now) or refreshing
    return Figures(kept.figures, kept.computed_at, refreshing=refreshing)


def _ask_refresh(kept: KeptFigures, *, now: datetime) -> bool:
    """Ask the worker for new figures, once per freshness period (the conditional update
    lets one of several simultaneous views ask)."""
    from overviews.tasks import refresh_kept_figures  # noqa: PLC0415 - the task imports this module

    asked = (
        KeptFigures.objects.filter(pk=kept.pk, computed_at=kept.computed_at)
        .exclude(refresh_asked_at__gte=now - settings.CASUSREGIE_FIGURES_FRESH)
        .update(refresh_asked_at=now)
    )
    if asked:
        transaction.on_commit(
            lambda: refresh_kept_figures.delay(user_id=kept.user_id, page=kept.page, year=kept.year)
        )
    return bool(asked)


def forget_user(user_id: int) -> None:
    """A user's role, organisation, teams or account changed: their kept figures may count
    cases they no longer see (or miss ones they now do), so they go."""
    KeptFigures.objects.filter(user_id=user_id).delete()
