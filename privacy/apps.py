# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy (WGS)")

    def ready(self) -> None:
        # Registration with the rooms below, once the models are loaded.
        from audit.services import register_entry_listener
        from casework.page import CaseSection, register_case_section, register_person_annotation
        from casework.restrictions import register_restriction_finder
        from deadlines.registry import register_scan_step
        from privacy import sections, services

        register_entry_listener(services.ldv_record_entries)
        register_restriction_finder(services.restricted_person_ids)
        register_scan_step("informing", lambda now: services.informing_deadlines_sync(now=now))
        register_person_annotation(sections.RESTRICTED_SINCE, sections.restricted_since)
        register_case_section(
            CaseSection(
                name="privacy",
                template="privacy/partials/_case_privacy.html",
                build=sections.case_privacy_section,
            )
        )
