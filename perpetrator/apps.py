# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerpetratorConfig(AppConfig):
    name = "perpetrator"
    verbose_name = _("Plegerspoor")

    def ready(self) -> None:
        # Registration with the rooms below (the deadline engine, the case page, the
        # timeline, the conference agenda), once the models are loaded.
        from django.utils.translation import gettext_lazy as _

        from casework.page import CaseSection, register_case_annotations, register_case_section
        from casework.timeline import register_timeline_kind, register_timeline_source
        from conferences.agenda import register_agenda_source
        from deadlines.models import DeadlineKind
        from deadlines.registry import (
            register_informational_kinds,
            register_reminder_kinds,
            register_scan_step,
        )
        from perpetrator import agenda, reminders, selectors, services

        register_informational_kinds([DeadlineKind.RELEASE, DeadlineKind.CONDITION_END])
        register_reminder_kinds(reminders.KINDS, reminders.TOPIC)
        register_scan_step("perpetrator_dates", lambda now: services.track_dates_pass(now=now))
        from perpetrator.models import Condition, Custody

        register_timeline_source(selectors.track_timeline, models=[Condition, Custody])
        register_timeline_kind("perpetrator", _("Pleger: voorwaarden en hechtenis"))
        register_agenda_source(agenda.track_dates_ahead)
        register_case_annotations(selectors.case_page_annotations)
        register_case_section(
            CaseSection(
                name="perpetrator",
                template="perpetrator/partials/_track_body.html",
                build=selectors.track_case_section,
            )
        )
