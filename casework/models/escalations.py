# SPDX-License-Identifier: EUPL-1.2
"""Reminders, their deliveries, and escalations to managers.

A Reminder is one planned message about one thing (a huisverbod, a deadline, an
escalation) at one instant `due_at`. The beat scan dispatches reminders that are due: it
creates one ReminderDelivery per recipient (unique, so a second scan or a retried task
cannot add another) and enqueues one task per delivery. The task creates the in-app
Notification (unique per recipient and event) and sends the e-mail under a row lock,
recording `emailed_at`, so a duplicate task finds the work done and does nothing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReminderKind(models.TextChoices):
    HUISVERBOD_DAY7 = "hv_day7", _("Dag 7: advies over verlenging voorbereiden")
    HUISVERBOD_DAY8 = "hv_day8", _("Dag 8: advies over verlenging nodig")
    HUISVERBOD_END_24H = "hv_end_24h", _("Huisverbod eindigt over 24 uur")
    HUISVERBOD_END = "hv_end", _("Huisverbod geëindigd zonder besluit")
    HUISVERBOD_FINAL_7D = "hv_final_7d", _("Verlengd huisverbod eindigt over 7 dagen")
    HUISVERBOD_FINAL_24H = "hv_final_24h", _("Verlengd huisverbod eindigt over 24 uur")
    DEADLINE_BEFORE = "dl_before", _("Termijn nadert")
    DEADLINE_DUE = "dl_due", _("Termijn verloopt vandaag")
    ESCALATION_RAISED = "esc_raised", _("Escalatie: termijn verstreken")
    ESCALATION_IGNORED = "esc_ignored", _("Escalatie niet beantwoord")
    ESCALATION_DECIDED = "esc_decided", _("Besluit over escalatie")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Gepland")
    DISPATCHED = "dispatched", _("Verstuurd")
    CANCELLED = "cancelled", _("Vervallen")


class Reminder(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind.choices)
    huisverbod = models.ForeignKey(
        "casework.Huisverbod",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    deadline = models.ForeignKey(
        "casework.Deadline", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    escalation = models.ForeignKey(
        "casework.Escalation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    # The date or instant the reminder is about (the deadline's due date, the end of the
    # huisverbod): part of the unique key, so a moved due date gets fresh reminders.
    about = models.CharField(max_length=40, default="")
    due_at = models.DateTimeField(_("gepland op"))
    status = models.CharField(
        max_length=12, choices=ReminderStatus.choices, default=ReminderStatus.PENDING
    )
    dispatched_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(_("te laat verstuurd"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("herinnering")
        verbose_name_plural = _("herinneringen")
        constraints = [
            models.UniqueConstraint(
                fields=["huisverbod", "kind", "about"],
                condition=models.Q(huisverbod__isnull=False),
                name="casework_reminder_once_per_huisverbod",
            ),
            models.UniqueConstraint(
                fields=["deadline", "kind", "about"],
                condition=models.Q(deadline__isnull=False),
                name="casework_reminder_once_per_deadline",
            ),
            models.UniqueConstraint(
                fields=["escalation", "kind"],
                condition=models.Q(escalation__isnull=False),
                name="casework_reminder_once_per_escalation",
            ),
        ]
        indexes = [
            # The scan: pending reminders by due instant.
            models.Index(
                fields=["due_at"],
                condition=models.Q(status="pending"),
                name="casework_reminder_pending_due",
            )
        ]


class ReminderDelivery(models.Model):
    """One reminder to one recipient: exists once, delivered once."""

    reminder = models.ForeignKey(Reminder, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    late = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["reminder", "recipient"], name="casework_reminderdelivery_once"
            )
        ]
        indexes = [
            models.Index(
                fields=["enqueued_at"],
                condition=models.Q(notified_at__isnull=True),
                name="casework_delivery_undelivered",
            )
        ]


class EscalationStatus(models.TextChoices):
    OPEN = "open", _("Wacht op besluit")
    DECIDED = "decided", _("Besloten")
    ESCALATED = "escalated", _("Verder geëscaleerd")
    RESOLVED = "resolved", _("Vervallen (termijn afgerond)")


class EscalationDecision(models.TextChoices):
    INSTRUCT = "instruct", _("Opdracht geven")
    REASSIGN = "reassign", _("Andere eigenaar")
    NEW_DATE = "new_date", _("Nieuwe datum accepteren")
    ESCALATE = "escalate", _("Verder escaleren")


class Escalation(models.Model):
    """An overdue deadline put before managers (doorzettingsmacht)."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="escalations")
    deadline = models.ForeignKey(
        "casework.Deadline", on_delete=models.CASCADE, related_name="escalations"
    )
    level = models.PositiveSmallIntegerField(_("niveau"), default=1)
    previous = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="next"
    )
    due_date = models.DateField(_("verstreken termijn"))
    owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("geëscaleerd op"))
    response_due_at = models.DateTimeField(_("besluit uiterlijk"))
    status = models.CharField(
        _("status"), max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.OPEN
    )
    decision = models.CharField(
        _("besluit"), max_length=10, choices=EscalationDecision.choices, blank=True
    )
    reason = models.TextField(_("toelichting"), blank=True)
    new_due_date = models.DateField(_("nieuwe datum"), null=True, blank=True)
    new_owner_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["response_due_at", "pk"]
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        constraints = [
            models.UniqueConstraint(
                fields=["deadline"],
                condition=models.Q(status="open"),
                name="casework_escalation_one_open_per_deadline",
            ),
        ]
        indexes = [
            models.Index(
                fields=["response_due_at"],
                condition=models.Q(status="open"),
                name="casework_escalation_open_due",
            ),
            models.Index(fields=["deadline", "decided_at"], name="casework_escalation_decided"),
        ]
