# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's and manager's overviews and the annual factsheet.

Every figure comes from an aggregate query over the cases the user may see, so the number
of queries is fixed whatever the amount of data (pinned in tests/casework/test_overviews.py).
"""

import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from accounts.models import Role
from casework.models import CaseMembership, Incident, PersonLink, PhaseChange
from casework.models.cases import ACTIVE_PHASES, Phase, Track
from casework.selectors import case_qs_visible_to
from conferences.selectors import conference_qs_visible_to
from deadlines.models import Deadline, DeadlineStatus
from deadlines.selectors import escalation_queue_for
from huisverbod.models import RUNNING, Huisverbod, HuisverbodStatus, Toetsing, ToetsingOutcome
from huisverbod.selectors import countdown
from safetyplan.models import PlanAcknowledgement, PlanVersion, VersionStatus

NO_PROGRESS = timedelta(weeks=4)
MY_WORK_LIMIT = 50  # per list on the home page; the full lists live on their own pages


def _local_bounds(day: date, days: int) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    return start, start + timedelta(days=days)


@dataclass
class CoordinatorOverview:
    phase_counts: list[tuple[str, str, int]]
    conferences: list
    upcoming_deadlines: list
    huisverboden: list
    overdue: list
    stalled: list


def coordinator_overview(user, *, now: datetime) -> CoordinatorOverview:
    today = timezone.localdate(now)
    mine = case_qs_visible_to(user).filter(coordinator=user)
    counts = dict(mine.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    week_start, week_end = _local_bounds(today - timedelta(days=today.weekday()), 7)
    conferences = list(
        conference_qs_visible_to(user)
        .filter(starts_at__gte=week_start, starts_at__lt=week_end)
        .order_by("starts_at")
    )
    open_deadlines = Deadline.objects.filter(
        case__in=mine, status=DeadlineStatus.OPEN
    ).select_related("case", "owner_organisation")
    upcoming = list(
        open_deadlines.filter(due_date__gte=today, due_date__lte=today + timedelta(days=7))
    )
    overdue = list(open_deadlines.filter(due_date__lt=today))
    huisverboden = [
        countdown(h, now=now)
        for h in Huisverbod.objects.filter(case__in=mine, status__in=RUNNING)
        .select_related("case")
        .order_by("ends_at")
    ]
    since = now - NO_PROGRESS
    recent_change = PhaseChange.objects.filter(case=OuterRef("pk"), at__gte=since)
    recent_incident = Incident.objects.filter(case=OuterRef("pk"), recorded_at__gte=since)
    stalled = list(
        mine.filter(phase__in=ACTIVE_PHASES, phase_entered_at__lt=since)
        .exclude(Exists(recent_change))
        .exclude(Exists(recent_incident))
        .select_related("municipality")
        .order_by("phase_entered_at")
    )
    return CoordinatorOverview(
        phase_counts=[(value, label, counts.get(value, 0)) for value, label in Phase.choices],
        conferences=conferences,
        upcoming_deadlines=upcoming,
        huisverboden=huisverboden,
        overdue=overdue,
        stalled=stalled,
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
    """Median days registration → immediate safety, and immediate → stable safety."""
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


def manager_overview(user, *, now: datetime, year: int | None = None) -> ManagerOverview:
    year = year or timezone.localdate(now).year
    scope = case_qs_visible_to(user)
    phase_labels, track_labels = dict(Phase.choices), dict(Track.choices)
    by_phase = dict(scope.values_list("phase").annotate(n=Count("pk")).values_list("phase", "n"))
    by_track = dict(scope.values_list("track").annotate(n=Count("pk")).values_list("track", "n"))
    by_municipality = list(
        scope.values_list("municipality__name")
        .annotate(n=Count("pk"))
        .order_by("municipality__name")
    )
    overdue = list(
        Deadline.objects.filter(
            case__in=scope, status=DeadlineStatus.OPEN, due_date__lt=timezone.localdate(now)
        )
        .values_list("owner_organisation__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "owner_organisation__name")
    )
    huisverboden = Huisverbod.objects.filter(case__in=scope, imposed_at__year=year).aggregate(
        total=Count("pk"),
        extended=Count("pk", filter=Q(extended_at__isnull=False)),
    )
    held = conference_qs_visible_to(user).filter(held_at__year=year).count()
    to_immediate, to_stable = _durations(scope)
    overview = ManagerOverview(
        escalations=list(escalation_queue_for(user)[:50]),
        by_phase=[(phase_labels[v], by_phase.get(v, 0)) for v in Phase.values],
        by_track=[(track_labels[v], by_track.get(v, 0)) for v in Track.values],
        by_municipality=by_municipality,
        median_days_to_immediate=to_immediate,
        median_days_to_stable=to_stable,
        overdue_by_organisation=overdue,
        huisverboden_this_year=huisverboden["total"],
        huisverboden_extended=huisverboden["extended"],
        conferences_held=held,
        year=year,
    )
    overview.charts = {
        "phase": bar_chart(overview.by_phase),
        "municipality": bar_chart(overview.by_municipality),
        "overdue": bar_chart(overview.overdue_by_organisation),
    }
    return overview


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


def factsheet(user, *, year: int) -> Factsheet:
    """The regional factsheet's figures for one year, over the cases the user may see.

    A Code Rood case counts as handled in a year when it was open at some moment of it:
    registered before the year ended and not closed before it began."""
    start, end = _local_bounds(date(year, 1, 1), (date(year + 1, 1, 1) - date(year, 1, 1)).days)
    scope = case_qs_visible_to(user)
    closed_before = PhaseChange.objects.filter(
        case=OuterRef("pk"), to_state=Phase.CLOSED, at__lt=start
    )
    handled = scope.filter(track=Track.CODE_ROOD, registered_at__lt=end).exclude(
        Q(phase=Phase.CLOSED) & Q(Exists(closed_before))
    )
    rows: dict[str, FactsheetRow] = {}

    def row(name):
        return rows.setdefault(name, FactsheetRow(name))

    for name, n in handled.values_list("municipality__name").annotate(n=Count("pk")):
        row(name).code_rood_cases = n
    toetsingen = Toetsing.objects.filter(
        case__in=scope, assessed_at__gte=start, assessed_at__lt=end
    )
    for name, n in toetsingen.values_list("case__municipality__name").annotate(n=Count("pk")):
        row(name).toetsingen = n
    imposed = Huisverbod.objects.filter(case__in=scope, imposed_at__gte=start, imposed_at__lt=end)
    for name, n, ext in imposed.values_list("case__municipality__name").annotate(
        n=Count("pk"), ext=Count("pk", filter=Q(extended_at__isnull=False))
    ):
        row(name).huisverboden, row(name).extended = n, ext
    totals = toetsingen.aggregate(
        total=Count("pk"), without=Count("pk", filter=~Q(outcome=ToetsingOutcome.HUISVERBOD))
    )
    return Factsheet(
        year=year,
        code_rood_cases=handled.count(),
        conferences_held=conference_qs_visible_to(user)
        .filter(held_at__gte=start, held_at__lt=end)
        .count(),
        toetsingen=totals["total"],
        toetsingen_without_huisverbod=totals["without"],
        huisverboden=imposed.count(),
        extended=imposed.filter(
            Q(extended_at__isnull=False) | Q(status=HuisverbodStatus.EXTENDED)
        ).count(),
        rows=sorted(rows.values(), key=lambda r: r.municipality),
        repeat_cases=scope.filter(registered_at__gte=start, registered_at__lt=end)
        .filter(Exists(PersonLink.objects.filter(person__case=OuterRef("pk"))))
        .count(),
    )


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
        recent_incident = Incident.objects.filter(case=OuterRef("pk"), recorded_at__gte=since)
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
