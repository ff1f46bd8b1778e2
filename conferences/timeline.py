# SPDX-License-Identifier: EUPL-1.2
"""A conference's decisions and actions on the case timeline (issue 16), two queries.

Only conferences whose minutes are adopted: until then the decisions are a draft at the
table, not what happened. The decisions and actions of one case's part are shown to
whoever may see the case, as on the conference page."""

from django.utils.translation import gettext as _

from casework.models import Case
from casework.timeline import TimelineEntry
from conferences.models import Action, Decision


def conference_timeline(case: Case, user=None) -> list[TimelineEntry]:
    adopted = {"part__case": case, "part__conference__minutes_adopted_at__isnull": False}
    entries = [
        TimelineEntry(
            decision.recorded_at,
            "conference",
            _("Besluit in %(conference)s")
            % {"conference": decision.part.conference.get_kind_display()},
            decision.text,
            str(decision.recorded_by),
        )
        for decision in Decision.objects.filter(**adopted).select_related(
            "part__conference", "recorded_by"
        )
    ]
    entries += [
        TimelineEntry(
            action.recorded_at,
            "conference",
            _("Actie voor %(owner)s") % {"owner": action.owner_user or action.owner_organisation},
            action.description,
            str(action.recorded_by),
        )
        for action in Action.objects.filter(**adopted).select_related(
            "owner_organisation", "owner_user", "recorded_by"
        )
    ]
    return entries
