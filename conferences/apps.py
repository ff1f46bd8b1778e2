# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Overleggen")

    def ready(self) -> None:
        # Registration with the deadline engine and the timeline below, once the models
        # are loaded.
        from casework.timeline import register_timeline_source
        from conferences.decisions import action_decided
        from conferences.timeline import conference_timeline
        from deadlines.registry import register_decision_handler

        register_decision_handler("conferences.action", action_decided)
        from conferences.models import Action, CaseConference, Decision

        register_timeline_source(
            conference_timeline,
            related={
                # Adopting the minutes puts every case's decisions and actions on its timeline.
                CaseConference: lambda obj: obj.parts.values_list("case_id", flat=True),
                Decision: lambda obj: obj.part.case_id,
                Action: lambda obj: obj.part.case_id,
            },
        )
