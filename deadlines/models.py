# SPDX-License-Identifier: EUPL-1.2
"""The deadline engine: the one deadline table, reminders, deliveries and escalations.

Deadline is every dated obligation on a case, whatever its source.

Safety agreements, evaluation moments (safetyplan) and conference actions keep their own
Deadline row in step through deadlines.services.sync.deadline_sync(); the periodic scan
then needs one indexed query over this table instead of one per source.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeadlineKind(models.TextChoices):
    AGREEMENT = "agreement", _("Veiligheidsafspraak")
    ACTION = "action", _("Actie uit overleg")
    EVALUATION = "evaluation", _("Evaluatiemoment")
    INFORMING = "informing", _("Betrokkene informeren")
    # Dates to be told about, not obligations (registry.register_informational_kinds).
    RELEASE = "release", _("Vrijlating pleger")
    CONDITION_END = "condition_end", _("Einde voorwaarde pleger")
    # A missed time limit (timeliness): the coordinator records why.
    TARGET = "target", _("Gemiste streeftermijn")


class DeadlineStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Afgerond")
    CANCELLED = "cancelled", _("Vervallen")
    # The case was closed: silent until it is reopened (then open again if still ahead).
    CLOSED = "closed", _("Gesloten met de casus")


class Deadline(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="deadlines")
    kind = models.CharField(_("soort"), max_length=20, choices=DeadlineKind.choices)
    # The source object, e.g. ("safetyplan.safetyagreement", 12). Not a generic FK: the
    # engine never needs to join back, and sources stay free to live in any app.
    source_type = models.CharField(max_length=60)
    source_id = models.BigIntegerField()
    title = models.CharField(_("omschrijving"), max_length=300)
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="deadlines",
        verbose_name=_("eigenaar (organisatie)"),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="deadlines",
        verbose_name=_("eigenaar (persoon)"),
    )
    due_date = models.DateField(_("uiterste datum"))
    status = models.CharField(
        _("status"), max_length=10, choices=DeadlineStatus.choices, default=DeadlineStatus.OPEN
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "casework_deadline"  # kept from before the move to this app
        ordering = ["due_date", "pk"]
        verbose_name = _("termijn")
        verbose_name_plural = _("termijnen")
        constraints = [
            models.UniqueConstraint(
                fields=["source_type", "source_id"], name="casework_deadline_one_per_source"
            )
        ]
        indexes = [
            # The scan: open deadlines by due date.
            models.Index(
                fields=["due_date"],
                condition=models.Q(status="open"),
                name="casework_deadline_open_due",
            ),
            models.Index(fields=["case", "status", "due_date"], name="casework_deadline_case"),
        ]

    def __str__(self) -> str:
        return self.title


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
    PERPETRATOR_AHEAD = "pt_ahead", _("Plegerspoor: datum over enkele werkdagen")
    PERPETRATOR_EVE = "pt_eve", _("Plegerspoor: datum morgen")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Gepland")
    DISPATCHED = "dispatched", _("Verstuurd")
    CANCELLED = "cancelled", _("Vervallen")


class CancelReason(models.TextChoices):
    CASE_CLOSED = "case_closed", _("Casus afgesloten")
    SUPERSEDED = "superseded", _("Vervangen door een besluit over het huisverbod")
    ENDED = "ended", _("Huisverbod geëindigd")


class Reminder(models.Model):
    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(_("soort"), max_length=20, choices=ReminderKind.choices)
    huisverbod = models.ForeignKey(
        "huisverbod.Huisverbod",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reminders",
    )
    deadline = models.ForeignKey(
        "Deadline", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    escalation = models.ForeignKey(
        "Escalation",
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
    cancel_reason = models.CharField(
        _("reden van vervallen"), max_length=20, choices=CancelReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "casework_reminder"  # kept from before the move to this app
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
    # Set (and committed) just before the mail goes to the SMTP server; emailed_at after.
    email_sending_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        db_table = "casework_reminderdelivery"  # kept from before the move to this app
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
    deadline = models.ForeignKey("Deadline", on_delete=models.CASCADE, related_name="escalations")
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
        db_table = "casework_escalation"  # kept from before the move to this app
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
