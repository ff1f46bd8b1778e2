# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Meldingen")

    def ready(self) -> None:
        # The access log and the accounts sit below this room: they offer a registry.
        from accounts.backends import register_user_annotation
        from accounts.services import register_grant_listener
        from audit.services import register_incident_listener
        from notifications import selectors
        from notifications.services import notify_access_grant, notify_log_managers_of_incident

        register_incident_listener(notify_log_managers_of_incident)
        register_grant_listener(notify_access_grant)
        register_user_annotation(selectors.UNREAD_ANNOTATION, selectors.unread_subquery)
