# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        from audit.services import register_incident_listener
        from notifications.services import notify_log_managers_of_incident

        register_incident_listener(notify_log_managers_of_incident)
