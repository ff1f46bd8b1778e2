# SPDX-License-Identifier: EUPL-1.2
"""Reads of the deadline engine. The scan selectors take `now` instead of reading the clock,
and each is one indexed query (see docs/performance.md for the plans)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import CharField, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Cast

from accounts.models import Role
from casework.models import (
    Case,
    Deadline,
    DeadlineStatus,
    Escalation,
    EscalationStatus,
    Huisverbod,
    Notification,
    Reminder,
    ReminderKind,
    ReminderStatus,
    Toetsing,
    ToetsingOutcome,
)
from casework.models.huisverbod import AMSTERDAM, RUNNING
from casework.selectors import TimelineEntry, case_qs_visible_to, case_visible_q


def scan_day(now: datetime) -> date:
    """The local calendar day whose reminders are due at `now`: before the reminder hour
    it is still "yesterday" for the scan."""
    local = now.astimezone(AMSTERDAM)
    return (local - timedelta(hours=settings.CASUSREGIE_DEADLINE_REMINDER_HOUR)).date()


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
    open_deadlines = Deadline.objects.filter(status=DeadlineStatus.OPEN)
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
    return Deadline.objects.filter(
        status=DeadlineStatus.OPEN, due_date__lt=day - timedelta(days=grace)
    ).filter(~Exists(open_escalation), ~Exists(recent_decision))


def escalations_ignored(*, now: datetime) -> QuerySet[Escalation]:
    """Open escalations whose response deadline has passed without a decision."""
    already_told = Reminder.objects.filter(
        escalation=OuterRef("pk"), kind=ReminderKind.ESCALATION_IGNORED
    )
    return Escalation.objects.filter(status=EscalationStatus.OPEN, response_due_at__lte=now).filter(
        ~Exists(already_told)
    )


def huisverboden_expired(*, now: datetime) -> QuerySet[Huisverbod]:
    return Huisverbod.objects.filter(status__in=RUNNING, ends_at__lte=now)


# --- user-facing reads ----------------------------------------------------------------


def escalation_queue_for(user) -> QuerySet[Escalation]:
    """Open escalations this manager may decide: of their organisation's deadlines or of
    cases their ZVH coordinates, and only on cases they can see."""
    if not (user.is_authenticated and user.role == Role.MANAGER and user.organisation_id):
        return Escalation.objects.none()
    # The open escalations come from their partial index; each one's case is then
    # probed for visibility (the navigation badge counts this on every page).
    return (
        Escalation.objects.filter(status=EscalationStatus.OPEN)
        .filter(
            Q(owner_organisation_id=user.organisation_id)
            | Q(case__coordinator__organisation_id=user.organisation_id)
        )
        .filter(case_visible_q(user))
        .select_related(
            "case", "deadline", "owner_organisation", "deadline__owner_user", "previous"
        )
        .order_by("response_due_at", "pk")
    )


def escalation_get_for(user, pk) -> Escalation:
    from django.http import Http404

    try:
        return escalation_queue_for(user).select_related("case__coordinator").get(pk=int(pk))
    except (Escalation.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def notifications_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user).select_related("case")


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def running_huisverboden_visible_to(user) -> QuerySet[Huisverbod]:
    visible = case_qs_visible_to(user)
    return (
        Huisverbod.objects.filter(status__in=RUNNING, case__in=visible)
        .select_related("case", "person")
        .order_by("ends_at", "pk")
    )


@dataclass(frozen=True)
class Countdown:
    huisverbod: Huisverbod
    days: int
    hours: int
    overdue: bool
    next_reminder: Reminder | None
    address_missing_until: datetime | None


def countdown(huisverbod: Huisverbod, *, now: datetime, next_reminder=None) -> Countdown:
    left = huisverbod.ends_at - now
    overdue = left.total_seconds() <= 0
    seconds = max(int(left.total_seconds()), 0)
    address_due = huisverbod.imposed_at + timedelta(hours=24)
    return Countdown(
        huisverbod=huisverbod,
        days=seconds // 86400,
        hours=(seconds % 86400) // 3600,
        overdue=overdue,
        next_reminder=next_reminder,
        address_missing_until=address_due if not huisverbod.reachable_address else None,
    )


def huisverbod_section(case: Case, *, now: datetime) -> dict:
    """Everything the countdown partial on the case page shows, in four queries."""
    huisverboden = list(
        case.huisverboden.select_related("person", "toetsing")
        .prefetch_related("contact_ban_persons")
        .order_by("-imposed_at")
    )
    running = [h for h in huisverboden if h.is_running]
    pending = {}
    for reminder in Reminder.objects.filter(
        huisverbod__in=running, status=ReminderStatus.PENDING
    ).order_by("due_at"):
        pending.setdefault(reminder.huisverbod_id, reminder)
    toetsingen = list(case.toetsingen.all())
    return {
        "countdowns": [countdown(h, now=now, next_reminder=pending.get(h.pk)) for h in running],
        "past_huisverboden": [h for h in huisverboden if not h.is_running],
        "toetsingen": toetsingen,
        "toetsing_count": len(toetsingen),
        "toetsing_with_huisverbod": sum(
            1 for t in toetsingen if t.outcome == ToetsingOutcome.HUISVERBOD
        ),
    }


def deadline_timeline(case: Case) -> list[TimelineEntry]:
    """Huisverbod and escalation events for the case timeline (a fixed number of queries)."""
    from django.utils.translation import gettext as _

    entries = []
    for toetsing in Toetsing.objects.filter(case=case).select_related("recorded_by"):
        entries.append(
            TimelineEntry(
                toetsing.assessed_at,
                "huisverbod",
                _("Toetsing: %(outcome)s") % {"outcome": toetsing.get_outcome_display()},
                toetsing.notes,
                str(toetsing.recorded_by),
            )
        )
    for hv in Huisverbod.objects.filter(case=case).select_related(
        "recorded_by", "extended_by", "closed_by"
    ):
        entries.append(
            TimelineEntry(
                hv.imposed_at, "huisverbod", _("Huisverbod opgelegd"), "", str(hv.recorded_by)
            )
        )
        if hv.extended_at:
            entries.append(
                TimelineEntry(
                    hv.extended_at,
                    "huisverbod",
                    _("Huisverbod verlengd"),
                    hv.extension_reason,
                    str(hv.extended_by),
                )
            )
        if hv.closed_at:
            entries.append(
                TimelineEntry(
                    hv.closed_at,
                    "huisverbod",
                    _("Huisverbod: %(status)s") % {"status": hv.get_status_display()},
                    hv.withdrawal_reason,
                    str(hv.closed_by) if hv.closed_by_id else _("Casusregie"),
                )
            )
    for esc in Escalation.objects.filter(case=case).select_related("decided_by", "deadline"):
        entries.append(
            TimelineEntry(
                esc.raised_at,
                "escalation",
                _("Escalatie (niveau %(level)s): %(kind)s over de termijn")
                % {"level": esc.level, "kind": esc.deadline.get_kind_display()},
                "",
                _("Casusregie"),
            )
        )
        if esc.decided_at:
            entries.append(
                TimelineEntry(
                    esc.decided_at,
                    "escalation",
                    _("Besluit over escalatie: %(decision)s")
                    % {"decision": esc.get_decision_display()},
                    esc.reason,
                    str(esc.decided_by),
                )
            )
    return entries
