# SPDX-License-Identifier: EUPL-1.2
"""A closed case falls silent; a reopened one gets back the deadlines still ahead.

Registered with casework.lifecycle in DeadlinesConfig.ready(): casework never imports the
deadline engine. Both hooks run inside the phase transition's transaction."""

from datetime import datetime

from django.utils.translation import gettext as _

from config.formats import local_date
from deadlines.clock import AMSTERDAM
from deadlines.models import (
    CancelReason,
    Deadline,
    DeadlineStatus,
    Escalation,
    EscalationStatus,
    Reminder,
    ReminderStatus,
)


def deadlines_case_closed(case, now: datetime) -> None:
    """Open deadlines closed (no reminders, no escalations, in no upcoming or overdue
    list), pending reminders cancelled with the reason, open escalations closed."""
    Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN).update(
        status=DeadlineStatus.CLOSED, updated_at=now
    )
    Reminder.objects.filter(case=case, status=ReminderStatus.PENDING).update(
        status=ReminderStatus.CANCELLED, cancel_reason=CancelReason.CASE_CLOSED
    )
    Escalation.objects.filter(case=case, status=EscalationStatus.OPEN).update(
        status=EscalationStatus.RESOLVED
    )


def deadlines_case_reopened(case, now: datetime) -> None:
    """The deadlines closed with the case that still lie ahead are open again."""
    today = now.astimezone(AMSTERDAM).date()
    Deadline.objects.filter(case=case, status=DeadlineStatus.CLOSED, due_date__gte=today).update(
        status=DeadlineStatus.OPEN, updated_at=now
    )


def open_escalations_warning(case) -> list[str]:
    return [
        _("Escalatie open (niveau %(level)s): %(kind)s, termijn %(date)s")
        % {
            "level": escalation.level,
            "kind": escalation.deadline.get_kind_display(),
            "date": local_date(escalation.due_date),
        }
        for escalation in Escalation.objects.filter(
            case=case, status=EscalationStatus.OPEN
        ).select_related("deadline")
    ]
