# SPDX-License-Identifier: EUPL-1.2
"""Reads of huisverboden and toetsingen; user-facing ones start from the visible cases."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from casework.models import Case
from casework.page import known_empty
from casework.selectors import case_rows_visible
from casework.timeline import TimelineEntry
from deadlines.models import Reminder, ReminderStatus
from huisverbod.models import RUNNING, Huisverbod, HuisverbodStatus, Toetsing, ToetsingOutcome
from huisverbod.permissions import (
    can_extend_huisverbod,
    can_impose_huisverbod,
    can_record_toetsing,
)


def huisverboden_expired(*, now: datetime) -> QuerySet[Huisverbod]:
    return Huisverbod.objects.filter(status__in=RUNNING, ends_at__lte=now)


def running_huisverboden_visible_to(user) -> QuerySet[Huisverbod]:
    return (
        case_rows_visible(Huisverbod.objects.filter(status__in=RUNNING), user)
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


HAS_HUISVERBOD = "has_huisverbod"
HAS_TOETSING = "has_toetsing"


def case_page_annotations(now) -> dict:
    """Whether the case ever had a toetsing or a huisverbod, read with the case page's case:
    most cases never do, and then the section reads neither."""
    return {
        HAS_HUISVERBOD: Exists(Huisverbod.objects.filter(case=OuterRef("pk"))),
        HAS_TOETSING: Exists(Toetsing.objects.filter(case=OuterRef("pk"))),
    }


def huisverbod_section(case: Case, *, now: datetime) -> dict:
    """Everything the countdown partial on the case page shows, in four queries (none on
    the case page of a case that never had a toetsing or huisverbod)."""
    huisverboden = []
    if not known_empty(case, HAS_HUISVERBOD):
        huisverboden = list(
            case.huisverboden.select_related("person", "toetsing").order_by("-imposed_at")
        )
    running = [h for h in huisverboden if h.is_running]
    pending = {}
    if running:  # most cases have no running huisverbod: no query for its reminders
        upcoming = Reminder.objects.filter(huisverbod__in=running, status=ReminderStatus.PENDING)
        for reminder in upcoming.order_by("due_at"):
            pending.setdefault(reminder.huisverbod_id, reminder)
    toetsingen = [] if known_empty(case, HAS_TOETSING) else list(case.toetsingen.all())
    return {
        "countdowns": [countdown(h, now=now, next_reminder=pending.get(h.pk)) for h in running],
        "past_huisverboden": [h for h in huisverboden if not h.is_running],
        "toetsingen": toetsingen,
        "toetsing_count": len(toetsingen),
        "toetsing_with_huisverbod": sum(
            1 for t in toetsingen if t.outcome == ToetsingOutcome.HUISVERBOD
        ),
    }


def huisverbod_timeline(case: Case) -> list[TimelineEntry]:
    """Toetsingen and huisverbod events for the case timeline (two queries)."""
    entries = []
    for toetsing in Toetsing.objects.filter(case=case).select_related("recorded_by"):
        entries.append(
            TimelineEntry(
                toetsing.assessed_at,
                "huisverbod",
                gettext_noop("Toetsing: %(outcome)s"),
                toetsing.notes,
                str(toetsing.recorded_by),
                params={"outcome": str(toetsing.get_outcome_display())},
            )
        )
    for hv in Huisverbod.objects.filter(case=case).select_related(
        "recorded_by", "extended_by", "closed_by"
    ):
        entries.append(
            TimelineEntry(
                hv.imposed_at,
                "huisverbod",
                gettext_noop("Huisverbod opgelegd"),
                "",
                str(hv.recorded_by),
            )
        )
        if hv.extended_at:
            entries.append(
                TimelineEntry(
                    hv.extended_at,
                    "huisverbod",
                    gettext_noop("Huisverbod verlengd"),
                    hv.extension_reason,
                    str(hv.extended_by),
                )
            )
        if hv.closed_at:
            entries.append(
                TimelineEntry(
                    hv.closed_at,
                    "huisverbod",
                    gettext_noop("Huisverbod: %(status)s"),
                    hv.withdrawal_reason,
                    str(hv.closed_by) if hv.closed_by_id else "Casusregie",
                    params={"status": str(hv.get_status_display())},
                )
            )
    return entries


def huisverbod_case_section(case: Case, user, now: datetime) -> dict:
    """The huisverbod section of the case page: what it shows and what this user may do
    (the template decides nothing)."""
    section = huisverbod_section(case, now=now)
    may_extend = can_extend_huisverbod(user, case)
    open_case = not case.is_closed
    return {
        **section,
        "rows": [
            {
                "countdown": c,
                "can_extend": may_extend and c.huisverbod.status == HuisverbodStatus.IMPOSED,
                "can_withdraw": may_extend,
                "urgent": c.days < 2,
            }
            for c in section["countdowns"]
        ],
        "can_record_toetsing": open_case and can_record_toetsing(user, case),
        "can_impose": open_case and can_impose_huisverbod(user, case),
    }


def huisverbod_close_blockers(case) -> list[str]:
    """Closing a case is refused while one of its huisverboden runs (casework.lifecycle)."""
    return [
        _(
            "Er loopt een huisverbod tot %(end)s. Een casus kan niet worden afgesloten zolang "
            "een huisverbod is opgelegd of verlengd."
        )
        % {"end": date_format(timezone.localtime(hv.ends_at), "j F Y H:i")}
        for hv in Huisverbod.objects.filter(case=case, status__in=RUNNING)
    ]
