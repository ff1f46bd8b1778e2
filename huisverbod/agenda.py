# SPDX-License-Identifier: EUPL-1.2
"""What a running huisverbod proposes for a conference agenda (registered with
conferences.agenda in HuisverbodConfig.ready())."""

from datetime import datetime, timedelta

from django.utils.translation import gettext as _

from casework.models import Case
from conferences.models import AgendaKind
from config.formats import local_datetime
from huisverbod.models import RUNNING, Huisverbod


def huisverbod_deadlines(case: Case, since: datetime, now: datetime):
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
