# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "outcomes"
    verbose_name = _("Uitkomsten")

    def ready(self) -> None:
        # Registration with the rooms below (the case page), once the models are loaded.
        from casework.page import CaseSection, register_case_annotations, register_case_section
        from outcomes import selectors

        register_case_annotations(selectors.case_page_annotations)
        register_case_section(
            CaseSection(
                name="outcomes",
                template="outcomes/partials/_outcomes_body.html",
                build=selectors.outcomes_case_section,
            )
        )
