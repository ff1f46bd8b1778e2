# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = _("Termijnen en escalaties")

    def ready(self) -> None:
        # Registration with the rooms below, once the models are loaded.
        from casework.lifecycle import (
            register_close_warning,
            register_on_closed,
            register_on_reopened,
        )
        from casework.timeline import register_timeline_source
        from deadlines import lifecycle
        from deadlines.models import Escalation
        from deadlines.selectors import escalation_timeline

        register_timeline_source(escalation_timeline, models=[Escalation])
        register_close_warning(lifecycle.open_escalations_warning)
        register_on_closed(lifecycle.deadlines_case_closed)
        register_on_reopened(lifecycle.deadlines_case_reopened)
