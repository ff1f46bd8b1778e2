# SPDX-License-Identifier: EUPL-1.2
"""The agenda a conference proposes per case: what needs attention since the last time.

Each source is a function (case, since, now) -> list[(kind, text)]. The sources of the
rooms below (cases, deadlines, escalations) are here; the safety plan and the huisverbod,
which sit above conferences, register theirs with register_agenda_source() in their
AppConfig.ready().
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, ClosureRequest, Confidentiality
from casework.models.cases import Phase
from conferences.models import AgendaKind
from config.formats import local_date
from deadlines.models import Deadline, DeadlineStatus, Escalation, EscalationStatus
from deadlines.registry import INFORMATIONAL_KINDS


def _new_case(case: Case, since: datetime, now: datetime):
    if case.registered_at >= since or case.phase == Phase.REGISTERED:
        return [(AgendaKind.NEW_CASE, _("Nieuwe casus: kennismaking en veiligheidstaxatie"))]
    return []


def _new_incidents(case: Case, since: datetime, now: datetime):
    """The agenda is shared by everyone at the table: it counts only incidents the whole
    case team may read, so the number never reveals sector- or organisation-only ones."""
    count = case.incidents.filter(
        recorded_at__gte=since, confidentiality=Confidentiality.TEAM
    ).count()
    if count:
        return [
            (
                AgendaKind.NEW_INCIDENT,
                _("%(n)s nieuw(e) incident(en) sinds het vorige overleg") % {"n": count},
            )
        ]
    return []


def _overdue(case: Case, since: datetime, now: datetime):
    today = timezone.localdate(now)
    points = []
    # Not a release date or a condition's end (told about, not owed): the scan closes those
    # once passed, and until then one of another organisation's confidential item would be
    # named to the whole table.
    for deadline in (
        Deadline.objects.filter(case=case, status=DeadlineStatus.OPEN, due_date__lt=today)
        .exclude(kind__in=INFORMATIONAL_KINDS)
        .select_related("owner_organisation")
    ):
        points.append(
            (
                AgendaKind.OVERDUE,
                _("Verlopen: %(title)s (%(owner)s, uiterlijk %(due)s)")
                % {
                    "title": deadline.title,
                    "owner": deadline.owner_organisation,
                    "due": local_date(deadline.due_date),
                },
            )
        )
    return points


def _pending_closure(case: Case, since: datetime, now: datetime):
    if case.closure_requests.filter(status=ClosureRequest.Status.PENDING).exists():
        return [(AgendaKind.CLOSURE, _("Verzoek tot afsluiten ligt bij de manager"))]
    return []


def _pending_escalations(case: Case, since: datetime, now: datetime):
    count = Escalation.objects.filter(case=case, status=EscalationStatus.OPEN).count()
    if count:
        return [
            (
                AgendaKind.ESCALATION,
                _("%(n)s escalatie(s) wachten op een besluit van een manager") % {"n": count},
            )
        ]
    return []


SOURCES = [
    _new_case,
    _new_incidents,
    _overdue,
    _pending_escalations,
    _pending_closure,
]


def register_agenda_source(source) -> None:
    """A source of an app above conferences (the safety plan, the huisverbod)."""
    if source not in SOURCES:
        SOURCES.append(source)


def propose(case: Case, *, now: datetime) -> list[tuple[str, str]]:
    last = (
        case.conference_parts.filter(conference__starts_at__lt=now)
        .order_by("-conference__starts_at")
        .values_list("conference__starts_at", flat=True)
        .first()
    )
    since = last or now - timedelta(days=7)
    points = []
    for source in SOURCES:
        points.extend(source(case, since, now))
    return points
