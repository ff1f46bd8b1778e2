# SPDX-License-Identifier: EUPL-1.2
"""Reads of the time limits: where a case stands, the share met, the misses.

Every moment a target is measured by is one correlated subquery on the case row (see
`with_moments`), so one query answers for one case (the case page), for a year of cases
(the dashboard's aggregate) or for the cases the scan looks at.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from casework.models import Case, Phase, PhaseChange, Track
from casework.selectors import case_qs_visible_to
from conferences.models import ConferenceCase
from deadlines.clock import AMSTERDAM
from safetyplan.models import PlanVersion, VersionStatus
from timeliness.models import Target, TargetMiss
from timeliness.permissions import can_explain_miss

# The one-off targets, measured from the registration, and the moment each is met by.
ONE_OFF = {
    Target.URGENT_DISCUSSED: "t_discussed_at",
    Target.IMMEDIATE_SAFETY: "t_immediate_at",
    Target.PLAN_ADOPTED: "t_adopted_at",
}
# The urgent track is Code Rood (acute danger); an MDA++ case has no 24-hour target and no
# 7-day one (docs/decisions.md).
CODE_ROOD_ONLY = {Target.URGENT_DISCUSSED, Target.IMMEDIATE_SAFETY}


class State:
    MET = "met"
    LATE = "late"
    MISSED = "missed"
    PENDING = "pending"


STATE_LABELS = {
    State.MET: _("Gehaald"),
    State.LATE: _("Te laat gehaald"),
    State.MISSED: _("Gemist"),
    State.PENDING: _("Loopt nog"),
}


def target_limits() -> dict[str, timedelta]:
    """The configured limit of each target that is switched on (settings.CASUSREGIE_TARGETS:
    {"hours": n} or {"days": n}; None or absent switches a target off)."""
    limits = {}
    for target in Target.values:
        value = settings.CASUSREGIE_TARGETS.get(target)
        if value:
            limits[target] = timedelta(hours=value.get("hours", 0), days=value.get("days", 0))
    return limits


def limit_text(limit: timedelta) -> str:
    """ "binnen 24 uur", "binnen 7 dagen": whole days in days, anything else in hours."""
    hours = int(limit.total_seconds() // 3600)
    if hours % 24 or hours < 72:
        return str(_("binnen %(n)s uur")) % {"n": hours}
    return str(_("binnen %(n)s dagen")) % {"n": hours // 24}


def _held_parts(now: datetime) -> QuerySet:
    """The case's parts of conferences that took place (held, not cancelled) by `now`: a
    case is discussed at the conference's start."""
    return ConferenceCase.objects.filter(
        case=OuterRef("pk"),
        conference__held_at__isnull=False,
        conference__cancelled_at__isnull=True,
        conference__starts_at__lte=now,
    )


MOMENTS = ("t_discussed_at", "t_immediate_at", "t_adopted_at", "t_reviewed_at")


def moment_expressions(now: datetime) -> dict[str, Subquery]:
    first_discussed = _held_parts(now).order_by("conference__starts_at")
    last_reviewed = (
        _held_parts(now)
        .filter(conference__starts_at__gte=OuterRef("phase_entered_at"))
        .order_by("-conference__starts_at")
    )
    return {
        "t_discussed_at": Subquery(first_discussed.values("conference__starts_at")[:1]),
        "t_immediate_at": Subquery(
            PhaseChange.objects.filter(
                case=OuterRef("pk"), field="phase", to_state=Phase.IMMEDIATE_SAFETY, at__lte=now
            )
            .order_by("at")
            .values("at")[:1]
        ),
        "t_adopted_at": Subquery(
            PlanVersion.objects.filter(
                plan__case=OuterRef("pk"), status=VersionStatus.ADOPTED, adopted_at__lte=now
            )
            .order_by("adopted_at")
            .values("adopted_at")[:1]
        ),
        # The last discussion since the case (last) entered its phase: the weekly review.
        "t_reviewed_at": Subquery(last_reviewed.values("conference__starts_at")[:1]),
    }


def with_moments(qs: QuerySet[Case], now: datetime) -> QuerySet[Case]:
    return qs.annotate(**moment_expressions(now))


def weekly_due(case: Case, limit: timedelta) -> datetime:
    """The next review of a case in immediate safety: a week after it entered the phase or
    after its last discussion since, whichever is later."""
    since = case.phase_entered_at
    if case.t_reviewed_at is not None and case.t_reviewed_at > since:
        since = case.t_reviewed_at
    return since + limit


@dataclass(frozen=True)
class Standing:
    target: str
    label: str
    limit: str
    state: str
    due_at: datetime
    met_at: datetime | None
    miss_id: int | None = None  # the latest recorded miss of this target
    reason: str = ""
    may_explain: bool = False

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


def case_standings(case: Case, now: datetime) -> list[Standing]:
    """Where a case annotated by `with_moments` stands against each target that applies.
    Pure: no query."""
    standings = []
    for target, limit in target_limits().items():
        label = Target(target).label
        if target == Target.WEEKLY_REVIEW:
            if case.phase != Phase.IMMEDIATE_SAFETY:
                continue
            due = weekly_due(case, limit)
            state = State.PENDING if now <= due else State.MISSED
            standings.append(
                Standing(target, label, limit_text(limit), state, due, case.t_reviewed_at)
            )
            continue
        if target in CODE_ROOD_ONLY and case.track != Track.CODE_ROOD:
            continue
        due = case.registered_at + limit
        met = getattr(case, ONE_OFF[target])
        if met is not None:
            state = State.MET if met <= due else State.LATE
        elif now > due:
            state = State.MISSED
        elif case.phase == Phase.CLOSED:
            continue
        else:
            state = State.PENDING
        standings.append(Standing(target, label, limit_text(limit), state, due, met))
    return standings


# --- the case page --------------------------------------------------------------------------


def _latest_miss(target: str) -> QuerySet:
    return TargetMiss.objects.filter(case=OuterRef("pk"), target=target).order_by("-due_at")


def _page_names() -> list[str]:
    """The names case_page_annotations gives the case, without building the expressions."""
    return [
        *MOMENTS,
        *(f"{kind}_{target}" for target in Target.values for kind in ("miss", "reason")),
    ]


def case_page_annotations(now: datetime) -> dict:
    """The case's moments and its latest miss per target, as subqueries of the case's row:
    read with the case page's own query of the case (registered in TimelinessConfig)."""
    if not target_limits():
        return {}
    annotations = moment_expressions(now)
    for target in Target.values:
        annotations[f"miss_{target}"] = Subquery(_latest_miss(target).values("pk")[:1])
        annotations[f"reason_{target}"] = Subquery(_latest_miss(target).values("reason")[:1])
    return annotations


def targets_case_section(case: Case, user, now: datetime) -> dict | None:
    """The case page's section: no query of its own on the case page (the annotations came
    with the case), one elsewhere."""
    if not target_limits():
        return None
    row = case
    if not all(hasattr(case, name) for name in _page_names()):
        row = Case.objects.filter(pk=case.pk).annotate(**case_page_annotations(now)).first()
    if row is None:
        return None
    may_explain = can_explain_miss(user, case)
    standings = []
    for standing in case_standings(row, now):
        miss_id = getattr(row, f"miss_{standing.target}")
        reason = getattr(row, f"reason_{standing.target}") or ""
        standings.append(
            Standing(
                **{
                    **standing.__dict__,
                    "miss_id": miss_id,
                    "reason": reason,
                    "may_explain": may_explain and miss_id is not None,
                }
            )
        )
    return {"standings": standings}


# --- the dashboard ----------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetShare:
    target: str
    label: str
    limit: str
    due: int  # cases whose moment has come (met, or past the limit)
    met: int  # of which met in time

    @property
    def share(self) -> int | None:
        return round(100 * self.met / self.due) if self.due else None


def target_shares(user, *, year: int, now: datetime) -> list[TargetShare]:
    """Per target, the share met of the visible cases registered in `year` (the weekly
    review: of those that entered immediate safety at least a week ago, the share without a
    missed review). One query."""
    limits = target_limits()
    if not limits:
        return []
    start = datetime(year, 1, 1, tzinfo=AMSTERDAM)
    end = datetime(year + 1, 1, 1, tzinfo=AMSTERDAM)
    scope = with_moments(
        case_qs_visible_to(user).filter(registered_at__gte=start, registered_at__lt=end), now
    ).annotate(
        t_weekly_missed=Exists(
            TargetMiss.objects.filter(case=OuterRef("pk"), target=Target.WEEKLY_REVIEW)
        )
    )
    counts = {}
    for target, limit in limits.items():
        if target == Target.WEEKLY_REVIEW:
            due = Q(t_immediate_at__lt=now - limit)
            met = due & Q(t_weekly_missed=False)
        else:
            moment = ONE_OFF[target]
            applies = Q(track=Track.CODE_ROOD) if target in CODE_ROOD_ONLY else Q()
            due = applies & (Q(**{f"{moment}__isnull": False}) | Q(registered_at__lt=now - limit))
            met = applies & Q(**{f"{moment}__lte": F("registered_at") + limit})
        counts[f"{target}_due"] = Count("pk", filter=due)
        counts[f"{target}_met"] = Count("pk", filter=met)
    totals = scope.aggregate(**counts)
    return [
        TargetShare(
            target,
            Target(target).label,
            limit_text(limit),
            totals[f"{target}_due"],
            totals[f"{target}_met"],
        )
        for target, limit in limits.items()
    ]


def target_shares_from(rows: list) -> list[TargetShare]:
    """Shares kept as [target, due, met] (overviews.kept), labelled in today's language and
    limits; a target switched off since is left out."""
    limits = target_limits()
    return [
        TargetShare(target, Target(target).label, limit_text(limits[target]), due, met)
        for target, due, met in rows
        if target in limits
    ]


# --- the report -------------------------------------------------------------------------------


def misses_visible_to(user, *, target: str = "", unexplained: bool = False) -> QuerySet[TargetMiss]:
    """The recorded misses of the cases this user may see, newest first."""
    qs = TargetMiss.objects.filter(case__in=case_qs_visible_to(user)).select_related(
        "case", "reason_by"
    )
    if target:
        qs = qs.filter(target=target)
    if unexplained:
        qs = qs.filter(reason="")
    return qs.order_by("-due_at", "-pk")


def miss_get_for(case: Case, miss_pk: int) -> TargetMiss:
    """A miss of a case the user may see (from case_get_for), or 404."""
    miss = TargetMiss.objects.filter(pk=miss_pk, case=case).first()
    if miss is None:
        raise Http404
    miss.case = case
    return miss
