# SPDX-License-Identifier: EUPL-1.2
"""Reads of the deadline engine. The scan selectors take `now` instead of reading the clock,
and each is one indexed query (see docs/performance.md for the plans)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast
from django.db.models.lookups import Exact
from django.http import Http404
from django.utils.translation import gettext_noop

from accounts.models import Role, User
from casework.models import Case
from casework.selectors import case_rows_seen_by, case_rows_visible, may_view_cases
from casework.timeline import TimelineEntry
from config.prepared import PreparedQuery
from deadlines.clock import scan_day
from deadlines.models import (
    Deadline,
    DeadlineStatus,
    Escalation,
    EscalationStatus,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from deadlines.registry import INFORMATIONAL_KINDS


def reminders_due(*, now: datetime) -> QuerySet[Reminder]:
    """Planned reminders whose instant has come (or passed, when beat was down)."""
    return Reminder.objects.filter(status=ReminderStatus.PENDING, due_at__lte=now).order_by(
        "due_at", "pk"
    )


def _without_reminder(qs: QuerySet[Deadline], kind: str) -> QuerySet[Deadline]:
    sent = Reminder.objects.filter(
        deadline=OuterRef("pk"),
        kind=kind,
        about=Cast(OuterRef("due_date"), output_field=CharField()),
    )
    return qs.filter(~Exists(sent))


def deadlines_due(*, now: datetime, kind: str) -> QuerySet[Deadline]:
    """Open deadlines whose reminder of `kind` (DEADLINE_BEFORE or DEADLINE_DUE) is due
    and not yet planned. A range on the partial index casework_deadline_open_due."""
    day = scan_day(now)
    open_deadlines = Deadline.objects.filter(status=DeadlineStatus.OPEN).exclude(
        kind__in=INFORMATIONAL_KINDS
    )
    if kind == ReminderKind.DEADLINE_BEFORE:
        ahead = settings.CASUSREGIE_DEADLINE_REMINDER_DAYS_BEFORE
        qs = open_deadlines.filter(due_date__gt=day, due_date__lte=day + timedelta(days=ahead))
    elif kind == ReminderKind.DEADLINE_DUE:
        grace = settings.CASUSREGIE_ESCALATION_GRACE_DAYS
        qs = open_deadlines.filter(due_date__lte=day, due_date__gte=day - timedelta(days=grace))
    else:
        raise ValueError(kind)
    return _without_reminder(qs, kind)


def deadlines_to_escalate(*, now: datetime) -> QuerySet[Deadline]:
    """Open deadlines past their grace period, with no open escalation and no manager's
    decision within the last grace period (a decision buys one fresh grace period)."""
    grace = settings.CASUSREGIE_ESCALATION_GRACE_DAYS
    day = scan_day(now)
    open_escalation = Escalation.objects.filter(
        deadline=OuterRef("pk"), status=EscalationStatus.OPEN
    )
    recent_decision = Escalation.objects.filter(
        deadline=OuterRef("pk"), decided_at__gte=now - timedelta(days=grace)
    )
    return (
        Deadline.objects.filter(
            status=DeadlineStatus.OPEN, due_date__lt=day - timedelta(days=grace)
        )
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .filter(~Exists(open_escalation), ~Exists(recent_decision))
    )


def escalations_ignored(*, now: datetime) -> QuerySet[Escalation]:
    """Open escalations whose response deadline has passed without a decision."""
    already_told = Reminder.objects.filter(
        escalation=OuterRef("pk"), kind=ReminderKind.ESCALATION_IGNORED
    )
    return Escalation.objects.filter(status=EscalationStatus.OPEN, response_due_at__lte=now).filter(
        ~Exists(already_told)
    )


# --- user-facing reads ----------------------------------------------------------------


def escalation_queue_for(user) -> QuerySet[Escalation]:
    """Open escalations this manager may decide: of their organisation's deadlines or of
    cases their ZVH coordinates, and only on cases they can see."""
    if not _decides_escalations(user):
        return Escalation.objects.none()
    return (
        case_rows_visible(
            Escalation.objects.filter(status=EscalationStatus.OPEN),
            user,
            where=_theirs(user.organisation_id),
        )
        .select_related(
            "case", "deadline", "owner_organisation", "deadline__owner_user", "previous"
        )
        .order_by("response_due_at", "pk")
    )


def _decides_escalations(user) -> bool:
    return bool(user.is_authenticated and user.role == Role.MANAGER and user.organisation_id)


def _theirs(organisation_id: int) -> Q:
    # The open escalations come from their partial index; each one's case is then probed
    # by its key, once, for both the manager's part in it and its visibility (the
    # navigation badge counts this on every page; casework.selectors.case_rows_visible).
    colleagues = User.objects.filter(organisation_id=organisation_id).values("pk")
    return Q(Exact(OuterRef("owner_organisation_id"), organisation_id)) | Q(
        coordinator_id__in=colleagues
    )


# The navigation counts the queue up to this many ("99+" beyond): each escalation counted is
# a probe of its case, on every page a manager opens.
WAITING_MAX = 99


def _waiting(*, user_id: int, organisation_id: int) -> QuerySet:
    rows = Escalation.objects.filter(status=EscalationStatus.OPEN)
    seen = case_rows_seen_by(rows, user_id, where=_theirs(organisation_id))
    return seen.order_by().values("pk")[: WAITING_MAX + 1]


# Built and compiled once per process: building the count cost 4.6 ms of Python on every
# page of a manager, PostgreSQL's answer 0.25 ms (issue 14).
_WAITING = PreparedQuery(_waiting, user_id=int, organisation_id=int)


def escalations_waiting(user) -> int:
    """How many escalations are in this manager's queue (escalation_queue_for), counted up
    to WAITING_MAX + 1, so the caller can say "more than WAITING_MAX"."""
    if not (_decides_escalations(user) and may_view_cases(user)):
        return 0
    return len(_WAITING(user_id=user.pk, organisation_id=user.organisation_id))


def escalation_get_for(user, pk) -> Escalation:
    try:
        return escalation_queue_for(user).select_related("case__coordinator").get(pk=int(pk))
    except (Escalation.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def escalation_timeline(case: Case) -> list[TimelineEntry]:
    """Escalations and managers' decisions for the case timeline (one query)."""
    entries = []
    for esc in Escalation.objects.filter(case=case).select_related("decided_by", "deadline"):
        entries.append(
            TimelineEntry(
                esc.raised_at,
                "escalation",
                gettext_noop("Escalatie (niveau %(level)s): %(kind)s over de termijn"),
                "",
                "Casusregie",
                params={"level": esc.level, "kind": str(esc.deadline.get_kind_display())},
            )
        )
        if esc.decided_at:
            entries.append(
                TimelineEntry(
                    esc.decided_at,
                    "escalation",
                    gettext_noop("Besluit over escalatie: %(decision)s"),
                    esc.reason,
                    str(esc.decided_by),
                    params={"decision": str(esc.get_decision_display())},
                )
            )
    return entries
