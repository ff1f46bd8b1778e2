# SPDX-License-Identifier: EUPL-1.2
"""The agenda a conference proposes per case: what needs attention since the last time.

Each source is a function (case, since, now) -> list[(kind, text)]. Sources that live in
other apps (safety plan, huisverbod, escalations) are looked up lazily so this module
works whatever is installed.
"""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case, ClosureRequest, Deadline, DeadlineStatus
from casework.models.cases import Phase
from conferences.models import AgendaKind
from config.formats import local_date, local_datetime


def _new_case(case: Case, since: datetime, now: datetime):
    if case.registered_at >= since or case.phase == Phase.REGISTERED:
        return [(AgendaKind.NEW_CASE, _("Nieuwe casus: kennismaking en veiligheidstaxatie"))]
    return []


def _new_incidents(case: Case, since: datetime, now: datetime):
    count = case.incidents.filter(recorded_at__gte=since).count()
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
    for deadline in Deadline.objects.filter(
        case=case, status=DeadlineStatus.OPEN, due_date__lt=today
    ).select_related("owner_organisation"):
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
    from casework.models.escalations import Escalation, EscalationStatus

    count = Escalation.objects.filter(case=case, status=EscalationStatus.OPEN).count()
    if count:
        return [
            (
                AgendaKind.ESCALATION,
                _("%(n)s escalatie(s) wachten op een besluit van een manager") % {"n": count},
            )
        ]
    return []


def _huisverbod_deadlines(case: Case, since: datetime, now: datetime):
    from casework.models.huisverbod import RUNNING, Huisverbod

    """Every running huisverbod is a point: the table hears how it goes; one that ends within
    a week also needs a decision about extending it."""
    points = []
    for huisverbod in Huisverbod.objects.filter(case=case, status__in=RUNNING):
        values = {"when": local_datetime(huisverbod.ends_at)}
        if huisverbod.ends_at <= now + timedelta(days=7):
            text = _("Huisverbod eindigt %(when)s: besluit over verlenging nodig") % values
        else:
            text = _("Lopend huisverbod (eindigt %(when)s): voortgang bespreken") % values
        points.append((AgendaKind.HUISVERBOD, text))
    return points


def _not_met_agreements(case: Case, since: datetime, now: datetime):
    from safetyplan.models import AgreementProgress, AgreementStatus

    count = AgreementProgress.objects.filter(
        plan__case=case, status=AgreementStatus.NOT_MET, status_changed_at__gte=since
    ).count()
    if count:
        return [(AgendaKind.OVERDUE, _("%(n)s afspraak/afspraken niet nagekomen") % {"n": count})]
    return []


def _scale_drops(case: Case, since: datetime, now: datetime):
    """A risk whose latest safety-scale score is lower than the one before it, when that
    latest score was recorded since the previous conference."""
    from safetyplan.models import ScaleScore

    latest: dict[int, list[int]] = {}
    scores = ScaleScore.objects.filter(risk__plan__case=case).order_by(
        "risk_id", "-recorded_at", "-pk"
    )
    recent = set()
    for risk_id, score, recorded_at in scores.values_list("risk_id", "score", "recorded_at"):
        pair = latest.setdefault(risk_id, [])
        if len(pair) < 2:
            pair.append(score)
            if len(pair) == 1 and recorded_at >= since:
                recent.add(risk_id)
    dropped = [
        (pair[1], pair[0])
        for risk_id, pair in latest.items()
        if risk_id in recent and len(pair) == 2 and pair[0] < pair[1]
    ]
    return [
        (
            AgendaKind.SCALE_DROP,
            _("Veiligheidsschaal gedaald van %(before)s naar %(now)s")
            % {"before": before, "now": after},
        )
        for before, after in dropped
    ]


SOURCES = [
    _new_case,
    _new_incidents,
    _overdue,
    _not_met_agreements,
    _scale_drops,
    _pending_escalations,
    _huisverbod_deadlines,
    _pending_closure,
]


def extra_source(func):
    """Register a source from another module (scale drops, escalations, huisverbod)."""
    SOURCES.append(func)
    return func


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
