# SPDX-License-Identifier: EUPL-1.2
"""Reads of outcomes, over the cases the user may see.

Per year of closing (Europe/Amsterdam): how many cases closed, the share closed with the
goals reached, the change in the victims' own safety ratings (start → closing), and the
share back within 12 months (`_recurrence`). Two queries, whatever the amount of data
(pinned in tests/outcomes)."""

import operator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import reduce

from django.db.models import Count, Exists, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models import DateTimeField as DateTimeExpression
from django.db.models.functions import ExtractYear

from accounts.models import OrganisationKind, Role
from casework.models import Case, ClosureReason, ClosureRequest, Incident, PersonLink, PhaseChange
from casework.models.cases import Phase
from casework.page import known_empty
from casework.selectors import case_qs_visible_to, incident_visibility_q
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from outcomes.models import RatingMoment, VictimRating
from outcomes.permissions import can_record_rating
from outcomes.services import rating_moment_open

RECURRENCE_WINDOW = timedelta(days=365)
NATIONAL_REPEAT_RATE = 32  # % — the MARAC national repeat rate (SafeLives), for comparison


def _share(part: int, whole: int) -> int | None:
    return round(100 * part / whole) if whole else None


def _mean(total: int, count: int) -> float | None:
    return round(total / count, 1) if count else None


@dataclass
class YearOutcome:
    year: int
    closed: int = 0
    goals_reached: int = 0
    back_within_12_months: int = 0
    # The victims rated at the start and at the closing: how many, the sums of both scores,
    # and how many rated the closing higher (summed in SQL, not read row by row: issue 14).
    rated: int = 0
    sum_start: int = 0
    sum_closing: int = 0
    improved: int = 0
    # False while some of the year's closings are less than 12 months ago.
    complete: bool = False

    @property
    def goals_share(self) -> int | None:
        return _share(self.goals_reached, self.closed)

    @property
    def back_share(self) -> int | None:
        return _share(self.back_within_12_months, self.closed)

    @property
    def mean_start(self) -> float | None:
        return _mean(self.sum_start, self.rated)

    @property
    def mean_closing(self) -> float | None:
        return _mean(self.sum_closing, self.rated)

    @property
    def mean_change(self) -> float | None:
        return _mean(self.sum_closing - self.sum_start, self.rated)

    @property
    def improved_share(self) -> int | None:
        return _share(self.improved, self.rated)


def _linked_case_ids(case_ref, forward: bool):
    """Ids of the cases of victims whom a coordinator confirmed ("Already known?",
    casework.PersonLink) to be the same person as a victim of the case `case_ref` — a link
    is recorded on the later person, so both directions are read."""
    near, far = ("known_person", "person") if forward else ("person", "known_person")
    return PersonLink.objects.filter(
        **{f"{near}__case_id": case_ref, f"{near}__is_victim": True, f"{far}__is_victim": True}
    ).values(f"{far}__case_id")


def _recurrence(user, scope):
    """Whether violence recurred within 365 days after a closing (the PhaseChange being
    annotated: its `case_id`, `at` and `window_end`), from the same person. Counted, only
    among what this user may see:

    - an incident on the closed case itself (it was reopened), or on another case with a
      victim linked to a victim of the closed case (their own, or one already running);
    - a case registered in that window with a victim linked to a victim of the closed case.

    Linked means confirmed by the coordinator at "Already known?" (a PersonLink, either
    direction). A victim with the same name and date of birth on a case that is not linked
    is not counted: the coordinator was asked and did not confirm (docs/decisions.md)."""
    # One EXISTS per way back, each an index probe (cases by pk and registration date,
    # incidents by case and date): an OR inside one subquery would scan instead.
    closed_case = OuterRef(OuterRef("case_id"))  # the closing's case, two levels out
    window = {"gt": OuterRef("at"), "lte": OuterRef("window_end")}
    # Only incidents this user may read: with few closures a year, a figure counting
    # hidden ones would tell that a confidential incident was recorded on one case.
    incidents = Incident.objects.filter(
        occurred_at__gt=window["gt"], occurred_at__lte=window["lte"]
    ).filter(incident_visibility_q(user))
    ways_back = [Exists(incidents.filter(case_id=OuterRef("case_id")))]
    for forward in (True, False):
        linked = _linked_case_ids(closed_case, forward)
        ways_back.append(
            Exists(
                scope.filter(
                    pk__in=linked, registered_at__gt=window["gt"], registered_at__lte=window["lte"]
                )
            )
        )
        ways_back.append(Exists(incidents.filter(case_id__in=linked, case__in=scope)))
    return reduce(operator.or_, ways_back)


def _closings(scope):
    return PhaseChange.objects.filter(case__in=scope, field="phase", to_state=Phase.CLOSED)


def outcomes_by_year(user, *, now: datetime) -> list[YearOutcome]:
    """One row per year in which a visible case was closed, newest first. Two grouped
    queries (the closings per year, the rating pairs per year), whatever the number of
    cases: nothing is read row by row (issue 14: 89,000 closings at 100,000 cases)."""
    scope = case_qs_visible_to(user)
    approved_reason = Subquery(
        ClosureRequest.objects.filter(
            case_id=OuterRef("case_id"),
            status=ClosureRequest.Status.APPROVED,
            requested_at__lte=OuterRef("at"),
        )
        .order_by("-requested_at", "-pk")
        .values("reason")[:1]
    )
    window_end = ExpressionWrapper(F("at") + RECURRENCE_WINDOW, output_field=DateTimeExpression())
    years: dict[int, YearOutcome] = {}
    for year, closed, goals, back in (
        _closings(scope)
        .annotate(window_end=window_end, closure_reason=approved_reason)
        .values_list(ExtractYear("at", tzinfo=AMSTERDAM))
        .annotate(
            closed=Count("pk"),
            goals=Count("pk", filter=Q(closure_reason=ClosureReason.GOALS_REACHED)),
            back=Count("pk", filter=_recurrence(user, scope)),
        )
        .order_by()
    ):
        years[year] = YearOutcome(
            year, closed=closed, goals_reached=goals, back_within_12_months=back
        )
    if not years:
        return []
    # A case closed twice counts its ratings once, in the year of its last closing.
    last_closing = (
        _closings(scope).filter(case_id=OuterRef("case_id")).order_by("-at", "-pk").values("at")[:1]
    )
    closing_score = VictimRating.objects.filter(
        case_id=OuterRef("case_id"), person_id=OuterRef("person_id"), moment=RatingMoment.CLOSING
    ).values("score")[:1]
    for year, rated, sum_start, sum_closing, improved in (
        VictimRating.objects.filter(moment=RatingMoment.START)
        .annotate(last_closing=Subquery(last_closing), closing=Subquery(closing_score))
        .filter(last_closing__isnull=False, closing__isnull=False)
        .values_list(ExtractYear("last_closing", tzinfo=AMSTERDAM))
        .annotate(
            rated=Count("pk"),
            sum_start=Sum("score"),
            sum_closing=Sum("closing"),
            improved=Count("pk", filter=Q(closing__gt=F("score"))),
        )
        .order_by()
    ):
        row = years[year]
        row.rated, row.sum_start, row.sum_closing, row.improved = (
            rated,
            sum_start,
            sum_closing,
            improved,
        )
    for row in years.values():
        year_end = datetime(row.year + 1, 1, 1, tzinfo=AMSTERDAM)
        row.complete = now >= year_end + RECURRENCE_WINDOW
    return sorted(years.values(), key=lambda r: r.year, reverse=True)


# --- the case page ---------------------------------------------------------------------------


HAS_RATINGS = "has_victim_ratings"


def case_page_annotations(now) -> dict:
    """Whether any rating was recorded, read with the case page's case."""
    return {HAS_RATINGS: Exists(VictimRating.objects.filter(case=OuterRef("pk")))}


def outcomes_case_section(case: Case, user, now: datetime) -> dict | None:
    """The victims' ratings on the case page, and what this user may record (two queries
    at most; none on a registered case without ratings)."""
    victims = [p for p in case.persons.all() if p.is_victim]
    ratings = {}
    if not known_empty(case, HAS_RATINGS):
        ratings = {
            (r.person_id, r.moment): r
            for r in VictimRating.objects.filter(case=case).select_related("person")
        }
    may_record = can_record_rating(user, case)
    open_moments = [m for m in RatingMoment.values if may_record and rating_moment_open(case, m)]
    if not ratings and not open_moments:
        return None
    return {
        "rows": [
            {
                "person": person,
                "start": ratings.get((person.pk, RatingMoment.START)),
                "closing": ratings.get((person.pk, RatingMoment.CLOSING)),
            }
            for person in victims
        ],
        "open_moments": [(m, RatingMoment(m).label) for m in open_moments],
    }


# --- on time, per organisation (issue 20) ----------------------------------------------------


@dataclass(frozen=True)
class OnTimeRow:
    organisation: str
    due: int  # agreements and actions due in the period (done, or open past their date)
    on_time: int  # of which done on or before their due date

    @property
    def share(self) -> int | None:
        return _share(self.on_time, self.due)


def on_time_by_organisation(user, *, start: date, end: date, today: date) -> list[OnTimeRow]:
    """Per owning organisation, the share of its safety agreements and conference actions
    due in [start, end] that were done on or before their (current) due date. Counted: the
    done ones and the open ones whose date has passed; not yet due, cancelled or closed with
    the case are left out. A partner organisation's manager sees only their own row; the
    ZVH's managers and coordinators every organisation on the cases they may see. One query."""
    qs = Deadline.objects.filter(
        case__in=case_qs_visible_to(user),
        kind__in=[DeadlineKind.AGREEMENT, DeadlineKind.ACTION],
        due_date__gte=start,
        due_date__lte=end,
    ).filter(Q(status=DeadlineStatus.DONE) | Q(status=DeadlineStatus.OPEN, due_date__lt=today))
    organisation = getattr(user, "organisation", None)
    if user.role == Role.MANAGER and (
        organisation is None or organisation.kind != OrganisationKind.ZVH
    ):
        qs = qs.filter(owner_organisation_id=getattr(organisation, "pk", None))
    rows = (
        qs.values_list("owner_organisation__name")
        .annotate(
            due=Count("pk"),
            on_time=Count(
                "pk",
                filter=Q(status=DeadlineStatus.DONE, completed_at__date__lte=F("due_date")),
            ),
        )
        .order_by("owner_organisation__name")
    )
    return [OnTimeRow(name, due, on_time) for name, due, on_time in rows]
