# SPDX-License-Identifier: EUPL-1.2
"""The track's reminders: planned by its services, described to the deadline engine.

A release date or the end of a condition is a Deadline row of an informational kind
(deadlines.registry.register_informational_kinds): the engine does not remind its owner nor
escalate it. This module plans its own two reminders on that row, N working days and M
calendar days before (settings.CASUSREGIE_PERPETRATOR_REMINDER_*), and tells the engine
whom to send them to: the coordinator and the organisations taking part, as far as the
item's confidentiality level allows. The row's unique key (deadline, kind, date) makes a
second planning harmless and gives a moved date fresh reminders.
"""

from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from accounts.models import Role, User
from casework.models import CaseMembership
from config.formats import local_date
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline, DeadlineKind, Reminder, ReminderKind, ReminderStatus
from deadlines.registry import ReminderTopic
from perpetrator.models import Condition, Custody
from perpetrator.permissions import can_view_track_item

KINDS = [ReminderKind.PERPETRATOR_AHEAD, ReminderKind.PERPETRATOR_EVE]
SOURCE_MODELS = {DeadlineKind.RELEASE: Custody, DeadlineKind.CONDITION_END: Condition}


def working_days_before(day: date, n: int) -> date:
    """`n` working days (Monday to Friday) before `day`; public holidays are not known."""
    while n > 0:
        day -= timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def reminder_instants(due: date) -> list[tuple[str, datetime]]:
    """(kind, instant) of the configured reminders of a date, at the reminder hour."""
    hour = settings.CASUSREGIE_DEADLINE_REMINDER_HOUR
    planned = []
    working = settings.CASUSREGIE_PERPETRATOR_REMINDER_WORKING_DAYS
    days = settings.CASUSREGIE_PERPETRATOR_REMINDER_DAYS
    if working:
        planned.append((ReminderKind.PERPETRATOR_AHEAD, working_days_before(due, working)))
    if days:
        planned.append((ReminderKind.PERPETRATOR_EVE, due - timedelta(days=days)))
    return [(kind, datetime(d.year, d.month, d.day, hour, tzinfo=AMSTERDAM)) for kind, d in planned]


def track_plan_reminders(*, deadline: Deadline, now: datetime) -> int:
    """Plan the reminders of the deadline's current date whose instant is still ahead, and
    cancel the pending ones of an earlier date. Inside the service's transaction. A reminder
    planned in time but missed while the workers were down is still sent, marked late."""
    about = deadline.due_date.isoformat()
    Reminder.objects.filter(
        deadline=deadline, kind__in=KINDS, status=ReminderStatus.PENDING
    ).exclude(about=about).update(status=ReminderStatus.CANCELLED)
    planned = [
        Reminder(case_id=deadline.case_id, deadline=deadline, kind=kind, about=about, due_at=due_at)
        for kind, due_at in reminder_instants(deadline.due_date)
        if due_at > now
    ]
    return len(Reminder.objects.bulk_create(planned, ignore_conflicts=True))


def track_cancel_reminders(*, deadline: Deadline) -> int:
    return Reminder.objects.filter(
        deadline=deadline, kind__in=KINDS, status=ReminderStatus.PENDING
    ).update(status=ReminderStatus.CANCELLED)


def _source(deadline: Deadline):
    model = SOURCE_MODELS.get(deadline.kind)
    if model is None:
        return None
    return model.objects.filter(pk=deadline.source_id).first()


def track_recipients(reminder: Reminder) -> set[int]:
    """The coordinator and the professionals named on the case; for an organisation that
    takes part without a named professional, its people who work on cases. Of those, only
    who may read the item at its confidentiality level."""
    case = reminder.case
    item = _source(reminder.deadline)
    if item is None:
        return set()
    ids = CaseMembership.objects.case_team_ids(case, active_users_only=True)
    memberships = CaseMembership.objects.filter(case=case).active()
    named_orgs = set(memberships.professionals().values_list("organisation_id", flat=True))
    unnamed_orgs = set(memberships.organisations().values_list("organisation_id", flat=True))
    ids |= set(
        User.objects.filter(
            organisation_id__in=unnamed_orgs - named_orgs,
            role__in=[Role.COORDINATOR, Role.PARTNER],
            is_active=True,
        ).values_list("pk", flat=True)
    )
    users = User.objects.filter(pk__in=ids, is_active=True).select_related("organisation")
    return {user.pk for user in users if can_view_track_item(user, item)}


def track_reminder_message(reminder: Reminder) -> str:
    deadline = reminder.deadline
    values = {"ref": reminder.case.reference, "date": local_date(deadline.due_date)}
    if deadline.kind == DeadlineKind.RELEASE:
        text = _("Vrijlating van de pleger in casus %(ref)s verwacht op %(date)s.")
    else:
        text = _("Voorwaarde voor de pleger in casus %(ref)s eindigt op %(date)s.")
    return (text + " " + _("Bespreek wat dit vraagt voor de veiligheid.")) % values


TOPIC = ReminderTopic(recipients=track_recipients, message=track_reminder_message)
