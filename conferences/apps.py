# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConferencesConfig(AppConfig):
    name = "conferences"
    verbose_name = _("Overleggen")

    def ready(self) -> None:
        # Registration with the deadline engine below, once the models are loaded.
        from conferences.decisions import action_decided
        from deadlines.registry import register_decision_handler

        register_decision_handler("conferences.action", action_decided)
