# SPDX-License-Identifier: EUPL-1.2
"""What the perpetrator's track proposes for a conference agenda (registered with
conferences.agenda in PerpetratorConfig.ready()).

The agenda is shared by everyone at the table, so it proposes only dates of items the
whole case team may read (like the incident count of conferences.agenda)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.utils.translation import gettext as _

from casework.models import Case, Confidentiality
from conferences.models import AgendaKind
from config.formats import local_date
from deadlines.clock import AMSTERDAM
from perpetrator.models import Condition, Custody


def track_dates_ahead(case: Case, since: datetime, now: datetime):
    today = now.astimezone(AMSTERDAM).date()
    until = today + timedelta(days=settings.CASUSREGIE_PERPETRATOR_AGENDA_DAYS)
    team = {"case": case, "confidentiality": Confidentiality.TEAM}
    points = []
    for custody in Custody.objects.filter(
        **team, release_on__gte=today, release_on__lte=until
    ).order_by("release_on"):
        points.append(
            (
                AgendaKind.PERPETRATOR,
                _("Vrijlating van de pleger verwacht op %(date)s: veiligheid bespreken")
                % {"date": local_date(custody.release_on)},
            )
        )
    for condition in Condition.objects.filter(
        **team, ends_on__gte=today, ends_on__lte=until
    ).order_by("ends_on"):
        points.append(
            (
                AgendaKind.PERPETRATOR,
                _("Voorwaarde %(kind)s voor de pleger eindigt op %(date)s: wat is daarna nodig?")
                % {"kind": condition.get_kind_display(), "date": local_date(condition.ends_on)},
            )
        )
    return points
