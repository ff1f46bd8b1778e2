# SPDX-License-Identifier: EUPL-1.2
"""What the safety plan proposes for a conference agenda (registered with
conferences.agenda in SafetyplanConfig.ready())."""

from datetime import datetime

from django.utils.translation import gettext as _

from casework.models import Case
from conferences.models import AgendaKind
from safetyplan.models import AgreementProgress, AgreementStatus, ScaleScore


def not_met_agreements(case: Case, since: datetime, now: datetime):
    count = AgreementProgress.objects.filter(
        plan__case=case, status=AgreementStatus.NOT_MET, status_changed_at__gte=since
    ).count()
    if count:
        return [(AgendaKind.OVERDUE, _("%(n)s afspraak/afspraken niet nagekomen") % {"n": count})]
    return []


def scale_drops(case: Case, since: datetime, now: datetime):
    """A risk whose latest safety-scale score is lower than the one before it, when that
    latest score was recorded since the previous conference."""
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
