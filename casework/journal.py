# SPDX-License-Identifier: EUPL-1.2
"""The journal on the case page and in the timeline (registered in CaseworkConfig.ready,
through the same registries the rooms above use)."""

from django.utils.translation import gettext as _

from casework import permissions
from casework.models import CaseNote
from casework.selectors import confidentiality_q, notes_visible_to
from casework.timeline import TimelineEntry

NOTES_ON_PAGE = 10


def notes_section(case, user, now) -> dict:
    notes = list(
        notes_visible_to(user, case).select_related("author", "organisation")[:NOTES_ON_PAGE]
    )
    return {
        "case": case,
        "notes": notes,
        "can_add": not case.is_closed and permissions.can_record_incident(user, case),
    }


def notes_timeline(case, user) -> list[TimelineEntry]:
    if user is None:
        return []
    return [
        TimelineEntry(
            note.created_at,
            "note",
            _("Journaalnotitie van %(org)s") % {"org": note.organisation},
            note.text,
            str(note.author),
        )
        # The case is already one the user may see (timeline contract): only the levels.
        for note in CaseNote.objects.filter(case=case)
        .filter(confidentiality_q(user, organisation_field="organisation_id"))
        .select_related("author", "organisation")
    ]
