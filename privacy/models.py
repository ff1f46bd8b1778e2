# SPDX-License-Identifier: EUPL-1.2
"""What the WGS/BGS ask of a ZVH beyond the case itself: informing people, one contact point
for their requests, retention with legal holds and extensions, and Logboek Dataverwerkingen
records. See docs/privacy.md for which rule each model serves."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# One extension of a retention term adds at most this many days (ten years); a longer
# keeping is a legal hold, with its own reason.
MAX_EXTENSION_DAYS = 3650


class InformingMethod(models.TextChoices):
    IN_PERSON = "in_person", _("Persoonlijk gesprek")
    PHONE = "phone", _("Telefonisch")
    LETTER = "letter", _("Brief")
    EMAIL = "email", _("E-mail")
    VIA_PARTNER = "via_partner", _("Via een partnerorganisatie")


class PersonInforming(models.Model):
    """That and how a person was informed of the processing (AVG art. 13/14, WGS), or why
    informing is postponed and until when (AVG art. 14(5), art. 23 / UAVG art. 41)."""

    person = models.OneToOneField(
        "casework.Person", on_delete=models.CASCADE, related_name="informing"
    )
    informed_on = models.DateField(_("geïnformeerd op"), null=True, blank=True)
    method = models.CharField(_("hoe"), max_length=20, choices=InformingMethod.choices, blank=True)
    informed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    postponed_reason = models.TextField(_("reden van uitstel"), blank=True)
    postponed_until = models.DateField(_("uitgesteld tot"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("informeren van betrokkene")
        verbose_name_plural = _("informeren van betrokkenen")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(informed_on__isnull=False, postponed_until__isnull=True)
                    & ~models.Q(method="")
                )
                | (
                    models.Q(informed_on__isnull=True, postponed_until__isnull=False)
                    & ~models.Q(postponed_reason="")
                ),
                name="privacy_personinforming_informed_or_postponed",
            )
        ]

    @property
    def is_informed(self) -> bool:
        return self.informed_on is not None


class RequestKind(models.TextChoices):
    ACCESS = "access", _("Inzage (AVG art. 15)")
    CORRECTION = "correction", _("Rectificatie (AVG art. 16)")
    RESTRICTION = "restriction", _("Beperking (AVG art. 18)")


class RequestStatus(models.TextChoices):
    OPEN = "open", _("In behandeling")
    DONE = "done", _("Afgehandeld")


class DataSubjectRequest(models.Model):
    """One request of a person, answered by the contact point for all joint controllers and
    all cases at once (WGS art. 2.9 / BGS)."""

    kind = models.CharField(_("soort verzoek"), max_length=20, choices=RequestKind.choices)
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    persons = models.ManyToManyField(
        "casework.Person", related_name="+", verbose_name=_("betrokkene in casussen")
    )
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("uiterste datum"))
    extension_reason = models.TextField(_("reden van verlenging"), blank=True)
    description = models.TextField(_("omschrijving van het verzoek"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    registered_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("verzoek van betrokkene")
        verbose_name_plural = _("verzoeken van betrokkenen")


class RequestStep(models.Model):
    """What was done for a request: a copy produced, a correction, a restriction."""

    request = models.ForeignKey(DataSubjectRequest, on_delete=models.CASCADE, related_name="steps")
    description = models.TextField(_("wat is gedaan"))
    case_id = models.BigIntegerField(null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("stap in een verzoek")
        verbose_name_plural = _("stappen in verzoeken")


class LegalHold(models.Model):
    """A case that must not be anonymised (a pending procedure, a complaint): stops the
    retention clock while it is not lifted and its date has not passed."""

    case = models.ForeignKey("casework.Case", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField(_("reden"))
    until = models.DateField(_("tot"), null=True, blank=True)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-placed_at", "-pk"]
        verbose_name = _("bewaarplicht (legal hold)")
        verbose_name_plural = _("bewaarplichten (legal hold)")


class RetentionExtension(models.Model):
    """A recorded decision to keep a case's data longer than the standard term."""

    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="retention_extensions"
    )
    days = models.PositiveIntegerField(_("aantal dagen langer"))
    reason = models.TextField(_("reden"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["decided_at", "pk"]
        verbose_name = _("verlenging van de bewaartermijn")
        verbose_name_plural = _("verlengingen van de bewaartermijn")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gt=0), name="privacy_retentionextension_positive"
            )
        ]


class Anonymisation(models.Model):
    """The irreversible removal of a case's personal data; the counts stay for the factsheet."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.PROTECT, related_name="anonymisation"
    )
    at = models.DateTimeField(auto_now_add=True)
    persons = models.PositiveIntegerField()
    incidents = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("anonimisering")
        verbose_name_plural = _("anonimiseringen")


class LdvStatus(models.IntegerChoices):
    UNSET = 0, _("Onbepaald")
    OK = 1, _("Geslaagd")
    ERROR = 2, _("Mislukt")


class LdvRecord(models.Model):
    """One line in the shape of Logius' Logboek Dataverwerkingen 1.0: a processing of one
    person's data under one processing activity. No user identity (the standard leaves who
    to the application's own log; here: the access log)."""

    # Random hex, and looked up by nothing (the export asks by person or by activity): not
    # indexed. A B-tree of random values took a random page per line as the log grew, the
    # lesson of the access log's hash (docs/decisions.md §26, §30).
    trace_id = models.CharField(max_length=32)
    span_id = models.CharField(max_length=16)
    name = models.CharField(max_length=100)
    activity_id = models.CharField(max_length=60)
    status_code = models.PositiveSmallIntegerField(choices=LdvStatus.choices, default=LdvStatus.OK)
    start_time = models.DateTimeField()
    end_time = models.DateTimeField()
    data_subject_id = models.CharField(max_length=40)

    class Meta:
        ordering = ["pk"]
        # What the export asks (privacy.views.ldv_export_view): equality only, so no
        # pattern index beside them, which db_index would add on PostgreSQL.
        indexes = [
            models.Index(fields=["data_subject_id"], name="privacy_ldv_subject"),
            models.Index(fields=["activity_id"], name="privacy_ldv_activity"),
        ]
        verbose_name = _("regel Logboek Dataverwerkingen")
        verbose_name_plural = _("regels Logboek Dataverwerkingen")


class Restriction(models.Model):
    """A granted restriction of processing (AVG art. 18) on one registration of a person:
    while not lifted, the data stay stored and readable by the case team, but are not
    changed, not shared with a newly added partner and not exported (casework.restrictions,
    docs/privacy.md). Granted and lifted by the contact point, each with a reason."""

    person = models.ForeignKey("casework.Person", on_delete=models.CASCADE, related_name="+")
    request = models.ForeignKey(
        DataSubjectRequest, on_delete=models.PROTECT, related_name="restrictions"
    )
    reason = models.TextField(_("reden van de beperking"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)
    lifted_at = models.DateTimeField(null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lift_reason = models.TextField(_("reden van opheffen"), blank=True)

    class Meta:
        ordering = ["granted_at", "pk"]
        verbose_name = _("beperking van de verwerking")
        verbose_name_plural = _("beperkingen van de verwerking")
        indexes = [models.Index(fields=["person", "lifted_at"], name="privacy_restriction_active")]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(lifted_at__isnull=True),
                name="privacy_restriction_one_active",
            )
        ]
