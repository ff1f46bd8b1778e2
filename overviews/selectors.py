# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's and manager's overviews and the annual factsheet.

Every figure comes from an aggregate query over the cases the user may see, so the number
of queries is fixed whatever the amount of data (pinned in tests/casework/test_overviews.py).
"""

import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db import connection
from django.db.models import CharField, Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Role
from casework.models import CaseMembership, Incident, PersonLink, PhaseChange
from casework.models.cases import ACTIVE_PHASES, Phase, Track
from casework.selectors import case_qs_visible_to, incident_visibility_q
from conferences.selectors import conference_qs_visible_to
from config.pagination import NextPage, next_page
from deadlines.models import Deadline, DeadlineStatus
from deadlines.registry import INFORMATIONAL_KINDS
from deadlines.selectors import escalation_queue_for
from huisverbod.models import RUNNING, Huisverbod, HuisverbodStatus, Toetsing, ToetsingOutcome
from huisverbod.selectors import countdown
from safetyplan.models import PlanAcknowledgement, PlanVersion, VersionStatus

NO_PROGRESS = timedelta(weeks=4)
MY_WORK_LIMIT = 50  # per list on the home page; the full lists live on their own pages


def _local_bounds(day: date, days: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=days)


def _readable_incidents_since(user, since: datetime):
    """The incidents of the outer case recorded since `since` that this user may read: a
    case is "stalled" by what its coordinator can see, so an incident at a level hidden
    from them never tells them, by a case dropping off the list, that one was recorded."""
    return Incident.objects.filter(case=OuterRef("pk"), recorded_at__gte=since).filter(
        incident_visibility_q(user)
    )


def _unreadable_dates(user) -> Q:
    """The informational dates (release, end of a condition) of perpetrator items at
    organisation level of another organisation: perpetrator.services gives those to the
    recording organisation, and their title alone would reveal the item."""
    return Q(kind__in=INFORMATIONAL_KINDS) & ~Q(owner_organisation_id=user.organisation_id)


# The coordinator's long lists (overdue dates, stalled cases) are shown a page at a time: a
# coordinator of a large region had 831 overdue dates and 148 stalled cases, 143 KB of
# page and ~400 ms of rendering (issue 14). The most urgent come first.
OVERVIEW_PAGE = 50
# Each list's page number in the URL: ?verlopen=2 leaves the other lists on their page.
OVERVIEW_PAGES = {"upcoming_deadlines": "komend", "overdue": "verlopen", "stalled": "stil"}


@dataclass
class CoordinatorOverview:
    phase_counts: list[tuple[str, str, int]]
    conferences: list
    upcoming_deadlines: list
    huisverboden: list
    overdue: list
    stalled: list
    # The page of each long list (config.pagination.NextPage), by its name above.
    pages: dict = field(default_factory=dict)
    page_size: int = 0


def _paged(queryset, number) -> NextPage:
    return next_page(queryset, per_page=OVERVIEW_PAGE, number=number)


def coordinator_overview(user, *, now: datetime, pages: dict | None = None) -> CoordinatorOverview:
    """`pages`: the page number of each long list (OVERVIEW_PAGES), the first by default."""
    pages = pages or {}
    today = timezone.localdate(now)
    mine = case_qs_visible_to(user).filter(coordinator=user)
    counts = dict(mine.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    week_start, week_end = _local_bounds(today - timedelta(days=today.weekday()), 7)
    conferences = list(
        conference_qs_visible_to(user)
        .filter(starts_at__gte=week_start, starts_at__lt=week_end)
        .order_by("starts_at")
    )
    open_deadlines = (
        Deadline.objects.filter(case__in=mine, status=DeadlineStatus.OPEN)
        .exclude(_unreadable_dates(user))
        .select_related("case", "owner_organisation")
    )
    upcoming = _paged(
        open_deadlines.filter(
            due_date__gte=today, due_date__lte=today + timedelta(days=7)
        ).order_by("due_date", "pk"),
        pages.get("upcoming_deadlines"),
    )
    overdue = _paged(
        open_deadlines.filter(due_date__lt=today).order_by("due_date", "pk"),
        pages.get("overdue"),
    )
    huisverboden = [
        countdown(h, now=now)
        for h in Huisverbod.objects.filter(case__in=mine, status__in=RUNNING)
        .select_related("case")
        .order_by("ends_at")
    ]
    since = now - NO_PROGRESS
    recent_change = PhaseChange.objects.filter(case=OuterRef("pk"), at__gte=since)
    recent_incident = _readable_incidents_since(user, since)
    stalled = _paged(
        mine.filter(phase__in=ACTIVE_PHASES, phase_entered_at__lt=since)
        .exclude(Exists(recent_change))
        .exclude(Exists(recent_incident))
        .select_related("municipality")
        .order_by("phase_entered_at", "pk"),
        pages.get("stalled"),
    )
    return CoordinatorOverview(
        phase_counts=[(value, label, counts.get(value, 0)) for value, label in Phase.choices],
        conferences=conferences,
        upcoming_deadlines=upcoming.object_list,
        huisverboden=huisverboden,
        overdue=overdue.object_list,
        stalled=stalled.object_list,
        pages={"upcoming_deadlines": upcoming, "overdue": overdue, "stalled": stalled},
        page_size=OVERVIEW_PAGE,
    )


@dataclass
class ManagerOverview:
    escalations: list
    by_phase: list[tuple[str, int]]
    by_track: list[tuple[str, int]]
    by_municipality: list[tuple[str, int]]
    median_days_to_immediate: float | None
    median_days_to_stable: float | None
    overdue_by_organisation: list[tuple[str, int]]
    huisverboden_this_year: int
    huisverboden_extended: int
    conferences_held: int
    year: int
    charts: dict = field(default_factory=dict)

    @property
    def extended_share(self) -> int | None:
        if not self.huisverboden_this_year:
            return None
        return round(100 * self.huisverboden_extended / self.huisverboden_this_year)

    def rows(self) -> list[tuple[str, str, object]]:
        """Every figure as (section, label, value), for the CSV download."""
        rows = [("fase", label, n) for label, n in self.by_phase]
        rows += [("traject", label, n) for label, n in self.by_track]
        rows += [("gemeente", label, n) for label, n in self.by_municipality]
        rows += [("verlopen afspraken", label, n) for label, n in self.overdue_by_organisation]
        rows += [
            (
                "doorlooptijd",
                "mediaan dagen aanmelding → directe veiligheid",
                self.median_days_to_immediate,
            ),
            (
                "doorlooptijd",
                "mediaan dagen directe → stabiele veiligheid",
                self.median_days_to_stable,
            ),
            ("huisverboden", f"opgelegd in {self.year}", self.huisverboden_this_year),
            ("huisverboden", f"verlengd in {self.year}", self.huisverboden_extended),
            ("overleggen", f"gehouden in {self.year}", self.conferences_held),
            ("escalaties", "wachten op besluit", len(self.escalations)),
        ]
        return rows


def _median_days(deltas) -> float | None:
    days = [d.total_seconds() / 86400 for d in deltas]
    return round(statistics.median(days), 1) if days else None


def _durations(cases) -> tuple[float | None, float | None]:
    """Median days registration → immediate safety (the first start), and immediate →
    stable safety (every stabilise after that start). On PostgreSQL both medians are
    computed in SQL; elsewhere the phase changes are read and the medians taken here."""
    if connection.vendor == "postgresql":
        return _durations_sql(cases)
    changes = (
        PhaseChange.objects.filter(case__in=cases, field="phase")
        .filter(Q(transition="start") | Q(transition="stabilise"))
        .values_list("case_id", "transition", "at", "case__registered_at")
        .order_by("at")
    )
    started, to_immediate, to_stable = {}, [], []
    for case_id, transition, at, registered_at in changes:
        if transition == "start" and case_id not in started:
            started[case_id] = at
            to_immediate.append(at - registered_at)
        elif transition == "stabilise" and case_id in started:
            to_stable.append(at - started[case_id])
    return _median_days(to_immediate), _median_days(to_stable)


_DURATIONS_SQL = """
    WITH started AS (
        SELECT pc.case_id, MIN(pc.at) AS at
        FROM casework_phasechange pc
        WHERE pc.field = 'phase' AND pc.transition = 'start' AND pc.case_id IN ({scope})
        GROUP BY pc.case_id
    )
    SELECT
        (SELECT percentile_cont(0.5) WITHIN GROUP (
             ORDER BY EXTRACT(EPOCH FROM s.at - c.registered_at))
         FROM started s JOIN casework_case c ON c.id = s.case_id),
        (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM p.at - s.at))
         FROM started s JOIN casework_phasechange p
           ON p.case_id = s.case_id AND p.field = 'phase' AND p.transition = 'stabilise'
          AND p.at >= s.at)
"""


def _durations_sql(cases) -> tuple[float | None, float | None]:
    scope, params = cases.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(_DURATIONS_SQL.format(scope=scope), params)  # scope: Django's own SQL
        immediate, stable = cursor.fetchone()

    def days(seconds):
        return None if seconds is None else round(float(seconds) / 86400, 1)

    return days(immediate), days(stable)


def manager_figures(user, *, now: datetime, year: int) -> dict:
    """The dashboard's figures over the cases the user may see, as plain values (kept by
    overviews.kept): phases and tracks by their value, so that the labels follow the
    language of whoever reads them."""
    scope = case_qs_visible_to(user)
    # One pass over the visible cases for the three breakdowns (was three).
    by_phase, by_track, municipalities = Counter(), Counter(), Counter()
    for phase, track, municipality, n in (
        scope.values_list("phase", "track", "municipality__name").annotate(n=Count("pk")).order_by()
    ):
        by_phase[phase] += n
        by_track[track] += n
        municipalities[municipality] += n
    overdue = list(
        Deadline.objects.filter(
            case__in=scope, status=DeadlineStatus.OPEN, due_date__lt=timezone.localdate(now)
        )
        # A release date or a condition's end is told about, not owed: never "overdue", and
        # counted per organisation it would show that a confidential item exists.
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .values_list("owner_organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner_organisation__name")
    )
    huisverboden = Huisverbod.objects.filter(case__in=scope, imposed_at__year=year).aggregate(
        total=Count("pk"),
        extended=Count("pk", filter=Q(extended_at__isnull=False)),
    )
    held = (
        conference_qs_visible_to(user)
        .filter(starts_at__year=year, held_at__isnull=False)  # the year it took place
        .count()
    )
    to_immediate, to_stable = _durations(scope)
    return {
        "by_phase": [[v, by_phase.get(v, 0)] for v in Phase.values],
        "by_track": [[v, by_track.get(v, 0)] for v in Track.values],
        "by_municipality": sorted([name, n] for name, n in municipalities.items()),
        "median_days_to_immediate": to_immediate,
        "median_days_to_stable": to_stable,
        "overdue_by_organisation": [[name, n] for name, n in overdue],
        "huisverboden_this_year": huisverboden["total"],
        "huisverboden_extended": huisverboden["extended"],
        "conferences_held": held,
        "year": year,
    }


def manager_overview_from(figures: dict, *, escalations: list) -> ManagerOverview:
    """The dashboard from its figures (just computed or kept) and the live escalations."""
    phase_labels, track_labels = dict(Phase.choices), dict(Track.choices)
    overview = ManagerOverview(
        escalations=escalations,
        by_phase=[(phase_labels[v], n) for v, n in figures["by_phase"]],
        by_track=[(track_labels[v], n) for v, n in figures["by_track"]],
        by_municipality=[tuple(row) for row in figures["by_municipality"]],
        median_days_to_immediate=figures["median_days_to_immediate"],
        median_days_to_stable=figures["median_days_to_stable"],
        overdue_by_organisation=[tuple(row) for row in figures["overdue_by_organisation"]],
        huisverboden_this_year=figures["huisverboden_this_year"],
        huisverboden_extended=figures["huisverboden_extended"],
        conferences_held=figures["conferences_held"],
        year=figures["year"],
    )
    overview.charts = {
        "phase": bar_chart(overview.by_phase),
        "municipality": bar_chart(overview.by_municipality),
        "overdue": bar_chart(overview.overdue_by_organisation),
    }
    return overview


def manager_escalations(user) -> list:
    """The escalations waiting for this manager's decision: always read live."""
    return list(escalation_queue_for(user)[:50])


def manager_overview(user, *, now: datetime, year: int | None = None) -> ManagerOverview:
    year = year or timezone.localdate(now).year
    return manager_overview_from(
        manager_figures(user, now=now, year=year), escalations=manager_escalations(user)
    )


@dataclass
class Bar:
    label: str
    value: int
    width: float
    y: int


@dataclass
class BarChart:
    bars: list[Bar]
    height: int
    label_width: int = 220
    chart_width: int = 360


def bar_chart(rows: list[tuple[str, int]], *, row_height: int = 26) -> BarChart:
    """Geometry for a horizontal bar chart that the template renders as inline SVG: no
    JavaScript, no CDN, and the numbers stay as text beside every bar."""
    peak = max((v for _label, v in rows), default=0) or 1
    bars = [
        Bar(str(label), value, round(360 * value / peak, 1), i * row_height)
        for i, (label, value) in enumerate(rows)
    ]
    return BarChart(bars=bars, height=max(len(bars), 1) * row_height)


@dataclass
class FactsheetRow:
    municipality: str
    code_rood_cases: int = 0
    toetsingen: int = 0
    huisverboden: int = 0
    extended: int = 0


@dataclass
class Factsheet:
    year: int
    code_rood_cases: int
    conferences_held: int
    toetsingen: int
    toetsingen_without_huisverbod: int
    huisverboden: int
    extended: int
    rows: list[FactsheetRow]
    repeat_cases: int = 0  # cases registered this year with a person confirmed as known


def code_rood_cases_of_year(scope, *, start: datetime, end: datetime):
    """The cases that were on the Code Rood track and open at some moment of [start, end),
    read from the history of track and phase, never from today's values, so that the
    figure of a past year stays what the region published.

    On the Code Rood track at some moment: its track at the start of the year was Code
    Rood (the last track change before it, or else the first change after it tells its
    starting track, or else it never changed), or it was escalated during the year. Open at
    some moment: registered before the year ended, and not closed when the year began, or
    reopened during it."""
    changes = PhaseChange.objects.filter(case=OuterRef("pk"))
    track_changes, phase_changes = changes.filter(field="track"), changes.filter(field="phase")
    track_at_start = Coalesce(
        Subquery(track_changes.filter(at__lt=start).order_by("-at", "-pk").values("to_state")[:1]),
        Subquery(track_changes.filter(at__gte=start).order_by("at", "pk").values("from_state")[:1]),
        F("track"),
        output_field=CharField(),
    )
    # "" when no phase change came before the year: one subquery per case, not two.
    phase_at_start = Coalesce(
        Subquery(phase_changes.filter(at__lt=start).order_by("-at", "-pk").values("to_state")[:1]),
        Value(""),
        output_field=CharField(),
    )
    escalated_in_year = track_changes.filter(to_state=Track.CODE_ROOD, at__gte=start, at__lt=end)
    reopened_in_year = phase_changes.filter(from_state=Phase.CLOSED, at__gte=start, at__lt=end)
    # Implied by the two conditions on the track (a case whose track never changed was on
    # its present track all along), and cheap: tested from the case row and one hash of
    # the cases with a track change, so the history subqueries run only for the Code Rood
    # candidates instead of every case (issue 14).
    may_be_code_rood = Q(track=Track.CODE_ROOD) | Q(
        pk__in=PhaseChange.objects.filter(field="track").values("case_id")
    )
    return (
        scope.filter(registered_at__lt=end)
        .filter(may_be_code_rood)
        .annotate(track_at_start=track_at_start, phase_at_start=phase_at_start)
        .filter(Q(track_at_start=Track.CODE_ROOD) | Q(Exists(escalated_in_year)))
        .filter(~Q(phase_at_start=Phase.CLOSED) | Q(Exists(reopened_in_year)))
    )


def factsheet(user, *, year: int) -> Factsheet:
    """The regional factsheet's figures for one year, over the cases the user may see.

    Every figure is fixed once the year is over: Code Rood cases from the track and phase
    history (`code_rood_cases_of_year`), conferences in the year they started, toetsingen
    and huisverboden by the moment they were assessed or imposed."""
    start, end = _local_bounds(date(year, 1, 1), (date(year + 1, 1, 1) - date(year, 1, 1)).days)
    scope = case_qs_visible_to(user)
    handled = code_rood_cases_of_year(scope, start=start, end=end)
    rows: dict[str, FactsheetRow] = {}

    def row(name):
        return rows.setdefault(name, FactsheetRow(name))

    # Totals are the sums of the per-municipality rows (every case has a municipality),
    # so each source is read once.
    for name, n in handled.values_list("municipality__name").annotate(n=Count("pk")).order_by():
        row(name).code_rood_cases = n
    toetsingen = Toetsing.objects.filter(
        case__in=scope, assessed_at__gte=start, assessed_at__lt=end
    )
    without = 0
    for name, n, w in (
        toetsingen.values_list("case__municipality__name")
        .annotate(n=Count("pk"), w=Count("pk", filter=~Q(outcome=ToetsingOutcome.HUISVERBOD)))
        .order_by()
    ):
        row(name).toetsingen = n
        without += w
    imposed = Huisverbod.objects.filter(case__in=scope, imposed_at__gte=start, imposed_at__lt=end)
    extended = 0
    for name, n, ext, ext_any in (
        imposed.values_list("case__municipality__name")
        .annotate(
            n=Count("pk"),
            ext=Count("pk", filter=Q(extended_at__isnull=False)),
            ext_any=Count(
                "pk", filter=Q(extended_at__isnull=False) | Q(status=HuisverbodStatus.EXTENDED)
            ),
        )
        .order_by()
    ):
        row(name).huisverboden, row(name).extended = n, ext
        extended += ext_any
    return Factsheet(
        year=year,
        code_rood_cases=sum(r.code_rood_cases for r in rows.values()),
        conferences_held=conference_qs_visible_to(user)
        .filter(starts_at__gte=start, starts_at__lt=end, held_at__isnull=False)
        .count(),
        toetsingen=sum(r.toetsingen for r in rows.values()),
        toetsingen_without_huisverbod=without,
        huisverboden=sum(r.huisverboden for r in rows.values()),
        extended=extended,
        rows=sorted(rows.values(), key=lambda r: r.municipality),
        repeat_cases=scope.filter(registered_at__gte=start, registered_at__lt=end)
        .filter(Exists(PersonLink.objects.filter(person__case=OuterRef("pk"))))
        .count(),
    )


def factsheet_from(figures: dict) -> Factsheet:
    """The factsheet from its kept figures (dataclasses.asdict of a Factsheet)."""
    rows = [FactsheetRow(**row) for row in figures["rows"]]
    return Factsheet(**{**figures, "rows": rows})


# --- My work: each professional's home page (issue 16) -----------------------------------
@dataclass
class MyWork:
    deadlines: list  # agreements, actions and evaluations they or their organisation own
    acknowledgements: list  # adopted plan versions their organisation has yet to acknowledge
    huisverboden: list  # imposed huisverboden waiting for the decision to extend or not
    escalations: list
    conferences: list
    stalled: list
    today: date

    @property
    def is_empty(self) -> bool:
        return not any(
            [
                self.deadlines,
                self.acknowledgements,
                self.huisverboden,
                self.escalations,
                self.conferences,
                self.stalled,
            ]
        )


def my_work(user, *, now: datetime) -> MyWork:
    """What is this user's to do, across every room, in a fixed number of queries
    (pinned in tests/overviews/test_my_work.py). Everything starts from the cases they may
    see."""
    today = timezone.localdate(now)
    visible = case_qs_visible_to(user)
    organisation_id = user.organisation_id
    owned = Q(owner_user=user)
    if organisation_id:
        owned |= Q(owner_organisation_id=organisation_id, owner_user__isnull=True)
    deadlines = list(
        Deadline.objects.filter(owned, case__in=visible, status=DeadlineStatus.OPEN)
        .select_related("case", "owner_organisation", "owner_user")
        .order_by("due_date", "pk")[:MY_WORK_LIMIT]
    )
    acknowledgements = []
    if organisation_id:
        later = PlanVersion.objects.filter(
            plan=OuterRef("plan"), status=VersionStatus.ADOPTED, number__gt=OuterRef("number")
        )
        acknowledged = PlanAcknowledgement.objects.filter(
            version=OuterRef("pk"), organisation_id=organisation_id
        )
        taking_part = CaseMembership.objects.active().filter(
            case=OuterRef("plan__case"), organisation_id=organisation_id, user__isnull=True
        )
        acknowledgements = list(
            PlanVersion.objects.filter(status=VersionStatus.ADOPTED, plan__case__in=visible)
            .filter(Exists(taking_part))
            .exclude(Exists(later))
            .exclude(Exists(acknowledged))
            .select_related("plan__case")
            .order_by("adopted_at", "pk")[:MY_WORK_LIMIT]
        )
    huisverboden = []
    if user.role in (Role.COORDINATOR, Role.MUNICIPALITY_OFFICIAL):
        decides = visible.filter(coordinator=user) if user.role == Role.COORDINATOR else visible
        huisverboden = [
            countdown(h, now=now)
            for h in Huisverbod.objects.filter(case__in=decides, status=HuisverbodStatus.IMPOSED)
            .select_related("case")
            .order_by("ends_at")[:MY_WORK_LIMIT]
        ]
    escalations = list(escalation_queue_for(user)[:MY_WORK_LIMIT])
    week_start, week_end = _local_bounds(today - timedelta(days=today.weekday()), 7)
    conferences = list(
        conference_qs_visible_to(user)
        .filter(starts_at__gte=week_start, starts_at__lt=week_end)
        .order_by("starts_at")[:MY_WORK_LIMIT]
    )
    stalled = []
    if user.role == Role.COORDINATOR:
        since = now - NO_PROGRESS
        recent_change = PhaseChange.objects.filter(case=OuterRef("pk"), at__gte=since)
        recent_incident = _readable_incidents_since(user, since)
        stalled = list(
            visible.filter(coordinator=user, phase__in=ACTIVE_PHASES, phase_entered_at__lt=since)
            .exclude(Exists(recent_change))
            .exclude(Exists(recent_incident))
            .order_by("phase_entered_at")[:MY_WORK_LIMIT]
        )
    return MyWork(
        deadlines=deadlines,
        acknowledgements=acknowledgements,
        huisverboden=huisverboden,
        escalations=escalations,
        conferences=conferences,
        stalled=stalled,
        today=today,
    )
