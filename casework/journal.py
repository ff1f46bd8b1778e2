# SPDX-License-Identifier: EUPL-1.2
"""The journal on the case page and in the timeline (registered in CaseworkConfig.ready,
through the same registries the rooms above use)."""

from django.utils.translation import gettext_noop

from casework import permissions
from casework.models import CaseNote
from casework.selectors import notes_visible_to
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


def notes_timeline(case) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            note.created_at,
            "note",
            gettext_noop("Journaalnotitie van %(org)s"),
            note.text,
            str(note.author),
            params={"org": str(note.organisation)},
            confidentiality=note.confidentiality,
            sector=note.sector,
            organisation_id=note.organisation_id,
        )
        for note in CaseNote.objects.filter(case=case).select_related("author", "organisation")
    ]
