# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HuisverbodConfig(AppConfig):
    name = "huisverbod"
    verbose_name = _("Tijdelijk huisverbod")

    def ready(self) -> None:
        # Registration with the rooms below (the deadline engine, the case page, the
        # timeline, the conference agenda), once the models are loaded.
        from casework.lifecycle import register_close_blocker
        from casework.page import CaseSection, register_case_annotations, register_case_section
        from casework.timeline import register_timeline_source
        from conferences.agenda import register_agenda_source
        from deadlines.registry import register_reminder_kinds, register_scan_step
        from huisverbod import agenda, reminders, selectors, services

        register_reminder_kinds(reminders.INITIAL_KINDS + reminders.EXTENDED_KINDS, reminders.TOPIC)
        register_scan_step("ended", lambda now: services.huisverboden_expire(now=now))
        from huisverbod.models import Huisverbod, Toetsing

        register_timeline_source(selectors.huisverbod_timeline, models=[Toetsing, Huisverbod])
        register_close_blocker(selectors.huisverbod_close_blockers)
        register_agenda_source(agenda.huisverbod_deadlines)
        register_case_annotations(selectors.case_page_annotations)
        register_case_section(
            CaseSection(
                name="huisverbod",
                template="huisverbod/partials/_huisverbod_body.html",
                build=selectors.huisverbod_case_section,
            )
        )
