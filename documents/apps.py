# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documenten")

    def ready(self) -> None:
        # Registration with the rooms below: the case page and the timeline.
        from casework.page import CaseSection, register_case_annotations, register_case_section
        from casework.timeline import register_timeline_source
        from documents import selectors

        register_case_annotations(selectors.case_page_annotations)
        register_case_section(
            CaseSection(
                name="documents",
                template="documents/partials/_documents_section.html",
                build=selectors.documents_case_section,
            )
        )
        from documents.models import Document, DocumentVersion

        register_timeline_source(
            selectors.documents_timeline,
            models=[Document],
            related={DocumentVersion: lambda obj: obj.document.case_id},
        )
