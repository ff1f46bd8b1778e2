# SPDX-License-Identifier: EUPL-1.2
"""The journal on the case page and in the timeline (registered in CaseworkConfig.ready,
through the same registries the rooms above use)."""

from django.utils.translation import gettext_noop

from casework import permissions
from casework.models import CaseNote
from casework.selectors import case_is_visible, confidential_rows
from casework.timeline import TimelineEntry

NOTES_ON_PAGE = 10


def _page_notes(*, case_id: int, visible):
    """casework.selectors.notes_visible_to's rows for the case page, newest first."""
    return (
        CaseNote.objects.filter(case_id=case_id)
        .filter(visible)
        .select_related("author", "organisation")[:NOTES_ON_PAGE]
    )


_page_notes.organisation_field = "organisation_id"


def notes_section(case, user, now) -> dict:
    visible = case_is_visible(user, case)
    notes = confidential_rows("page notes", _page_notes, case, user) if visible else []
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
