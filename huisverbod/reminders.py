# SPDX-License-Identifier: EUPL-1.2
"""The huisverbod's reminders: planned by its services, described to the deadline engine.

The engine (deadlines) never imports this app: huisverbod registers its reminder kinds
(recipients, message, link) and its expiry step with deadlines.registry in apps.ready().
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import OrganisationKind, Role, User
from casework.models import Case, CaseMembership
from config.formats import local_datetime
from deadlines.clock import local_days_after
from deadlines.models import CancelReason, Reminder, ReminderKind, ReminderStatus
from deadlines.registry import ReminderTopic
from deadlines.services.reminders import case_people_ids
from huisverbod.models import Huisverbod

INITIAL_KINDS = [
    ReminderKind.HUISVERBOD_DAY7,
    ReminderKind.HUISVERBOD_DAY8,
    ReminderKind.HUISVERBOD_END_24H,
    ReminderKind.HUISVERBOD_END,
]


EXTENDED_KINDS = [ReminderKind.HUISVERBOD_FINAL_7D, ReminderKind.HUISVERBOD_FINAL_24H]


def _planned_at(huisverbod: Huisverbod, kind: str) -> datetime | None:
    spec = settings.CASUSREGIE_HUISVERBOD_REMINDERS.get(str(kind))
    if spec is None:
        return None
    anchor, days, hours = spec
    base = huisverbod.imposed_at if anchor == "imposed" else huisverbod.ends_at
    return local_days_after(base, days) + timedelta(hours=hours)


def huisverbod_plan_reminders(*, huisverbod: Huisverbod, extended: bool, now: datetime) -> int:
    """Plan the reminders of the current schedule. Called inside the huisverbod services'
    transactions. After an extension the pending reminders of the first ten days are
    cancelled; an extension reminder whose instant had already passed when the extension
    was recorded never applied and is not planned."""
    about = huisverbod.ends_at.isoformat()
    if extended:
        huisverbod_cancel_reminders(huisverbod=huisverbod, after=now)
    planned = []
    for kind in EXTENDED_KINDS if extended else INITIAL_KINDS:
        due_at = _planned_at(huisverbod, kind)
        if due_at is None or (extended and due_at <= now):
            continue
        planned.append(
            Reminder(
                case_id=huisverbod.case_id,
                huisverbod=huisverbod,
                kind=kind,
                about=about,
                due_at=due_at,
            )
        )
    return len(Reminder.objects.bulk_create(planned, ignore_conflicts=True))


def huisverbod_cancel_reminders(
    *, huisverbod: Huisverbod, after: datetime, reason: str = CancelReason.SUPERSEDED
) -> int:
    """Cancel the pending reminders planned for after `after` (the decision or the end).
    A reminder that was due before is never cancelled: a backlog or an outage delays
    it, it does not make it void; it is still sent, marked late."""
    return Reminder.objects.filter(
        huisverbod=huisverbod, status=ReminderStatus.PENDING, due_at__gt=after
    ).update(status=ReminderStatus.CANCELLED, cancel_reason=reason)


def _huisverbod_recipients(case: Case) -> set[int]:
    """Coordinator, named professionals, and the municipality officials of the
    municipalities taking part (they record the extension decision)."""
    municipalities = (
        CaseMembership.objects.filter(case=case)
        .active()
        .organisations()
        .filter(organisation__kind=OrganisationKind.MUNICIPALITY)
        .values_list("organisation_id", flat=True)
    )
    officials = User.objects.filter(
        organisation_id__in=municipalities, role=Role.MUNICIPALITY_OFFICIAL, is_active=True
    ).values_list("pk", flat=True)
    return case_people_ids(case) | set(officials)


def _local(moment: datetime) -> str:
    return local_datetime(moment)


def huisverbod_reminder_message(reminder: Reminder) -> str:
    values = {"ref": reminder.case.reference, "end": _local(reminder.huisverbod.ends_at)}
    texts = {
        ReminderKind.HUISVERBOD_DAY7: _(
            "Huisverbod in casus %(ref)s, dag 7: bereid het advies over verlenging voor. "
            "Het huisverbod eindigt op %(end)s."
        ),
        ReminderKind.HUISVERBOD_DAY8: _(
            "Huisverbod in casus %(ref)s, dag 8: het advies over verlenging is nu nodig. "
            "Het huisverbod eindigt op %(end)s."
        ),
        ReminderKind.HUISVERBOD_END_24H: _(
            "Huisverbod in casus %(ref)s eindigt binnen 24 uur, op %(end)s. "
            "Leg het besluit over verlenging vóór dat moment vast."
        ),
        ReminderKind.HUISVERBOD_END: _(
            "Huisverbod in casus %(ref)s is op %(end)s geëindigd zonder vastgelegd "
            "besluit over verlenging."
        ),
        ReminderKind.HUISVERBOD_FINAL_7D: _(
            "Verlengd huisverbod in casus %(ref)s eindigt over 7 dagen, op %(end)s."
        ),
        ReminderKind.HUISVERBOD_FINAL_24H: _(
            "Verlengd huisverbod in casus %(ref)s eindigt binnen 24 uur, op %(end)s."
        ),
    }
    return texts[reminder.kind] % values


TOPIC = ReminderTopic(
    recipients=lambda reminder: _huisverbod_recipients(reminder.case),
    message=huisverbod_reminder_message,
    per_case=True,
)
