# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TimelinessConfig(AppConfig):
    name = "timeliness"
    verbose_name = _("Streeftermijnen")

    def ready(self) -> None:
        # Registration with the rooms below (the deadline engine, the case page), once the
        # models are loaded.
        from casework.page import CaseSection, register_case_annotations, register_case_section
        from deadlines.registry import register_scan_step
        from timeliness import selectors, services

        register_scan_step("timeliness_targets", lambda now: services.targets_scan(now=now))
        register_case_annotations(selectors.case_page_annotations)
        register_case_section(
            CaseSection(
                name="timeliness",
                template="timeliness/partials/_case_section.html",
                build=selectors.targets_case_section,
            )
        )
