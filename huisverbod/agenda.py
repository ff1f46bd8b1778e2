# SPDX-License-Identifier: EUPL-1.2
"""What a running huisverbod proposes for a conference agenda (registered with
conferences.agenda in HuisverbodConfig.ready())."""

from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from casework.models import Case
from conferences.models import AgendaKind
from huisverbod.models import RUNNING, Huisverbod


def huisverbod_deadlines(case: Case, since: datetime, now: datetime):
    points = []
    for huisverbod in Huisverbod.objects.filter(
        case=case, status__in=RUNNING, ends_at__lte=now + timedelta(days=7)
    ):
        points.append(
            (
                AgendaKind.HUISVERBOD,
                _("Huisverbod eindigt %(when)s: besluit over verlenging nodig")
                % {"when": timezone.localtime(huisverbod.ends_at).strftime("%d-%m-%Y %H:%M")},
            )
        )
    return points
