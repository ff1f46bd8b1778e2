# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """An in-app message to one user. Carries the case reference, never names or addresses."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("soort"), max_length=40)
    message = models.CharField(_("bericht"), max_length=300)
    # Makes a retried delivery harmless: one notification per recipient per event.
    event_key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "casework_notification"  # kept from before the move to this app
        ordering = ["-created_at", "-pk"]
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event_key"], name="casework_notification_once_per_event"
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient", "created_at"],
                condition=models.Q(read_at__isnull=True),
                name="casework_notification_unread",
            ),
            # the bell's list: a recipient's newest first, read from the index
            models.Index(
                fields=["recipient", "-created_at", "-id"], name="casework_notification_list"
            ),
        ]
