# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "casework"
    verbose_name = _("Casusregie")

    def ready(self) -> None:
        # Registration with the rooms below (arrows only run down; see docs/architecture.md).
        from audit.middleware import register_case_visibility
        from audit.selectors import register_case_finder
        from audit.services import register_entry_listener, register_sharing_resolver
        from casework import events, journal
        from casework.models import (
            CaseMembership,
            CaseNote,
            ClosureRequest,
            Incident,
            Person,
            PhaseChange,
        )
        from casework.page import CaseSection, register_case_section
        from casework.selectors import (
            case_ids_with_reference,
            case_qs_visible_to,
            casework_timeline,
            sharing_ids_for,
        )
        from casework.timeline import register_timeline_source, stale_after_write

        events.register()
        register_sharing_resolver(sharing_ids_for)
        register_case_finder(case_ids_with_reference)
        register_case_section(
            CaseSection("notes", "casework/partials/_notes_section.html", journal.notes_section)
        )
        register_timeline_source(
            casework_timeline,
            models=[PhaseChange, Person, Incident, CaseMembership, ClosureRequest],
        )
        register_timeline_source(journal.notes_timeline, models=[CaseNote])
        register_entry_listener(stale_after_write)
        register_case_visibility(
            lambda user, case_pk: case_qs_visible_to(user).filter(pk=case_pk).exists()
        )
