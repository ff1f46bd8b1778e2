# SPDX-License-Identifier: EUPL-1.2
"""A conference's decisions and actions on the case timeline (issue 16), two queries.

Only conferences whose minutes are adopted: until then the decisions are a draft at the
table, not what happened. The decisions and actions of one case's part are shown to
whoever may see the case, as on the conference page."""

from django.utils.translation import gettext_noop

from casework.models import Case
from casework.timeline import TimelineEntry
from conferences.models import Action, Decision


def conference_timeline(case: Case) -> list[TimelineEntry]:
    adopted = {"part__case": case, "part__conference__minutes_adopted_at__isnull": False}
    entries = [
        TimelineEntry(
            decision.recorded_at,
            "conference",
            gettext_noop("Besluit in %(conference)s"),
            decision.text,
            str(decision.recorded_by),
            params={"conference": str(decision.part.conference.get_kind_display())},
        )
        for decision in Decision.objects.filter(**adopted).select_related(
            "part__conference", "recorded_by"
        )
    ]
    entries += [
        TimelineEntry(
            action.recorded_at,
            "conference",
            gettext_noop("Actie voor %(owner)s"),
            action.description,
            str(action.recorded_by),
            params={"owner": str(action.owner_user or action.owner_organisation)},
        )
        for action in Action.objects.filter(**adopted).select_related(
            "owner_organisation", "owner_user", "recorded_by"
        )
    ]
    return entries
