# SPDX-License-Identifier: EUPL-1.2
"""The access log, shaped after NEN 7513: who did what, when, to which case and person,
on behalf of which organisation and role, and why. Append-only and hash-chained."""

import hashlib
import hmac
import json

from django.conf import settings
from django.db import models
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    VIEW = "view", _("Inzien")
    CREATE = "create", _("Aanmaken")
    UPDATE = "update", _("Wijzigen")
    DELETE = "delete", _("Verwijderen")
    TRANSITION = "transition", _("Faseovergang")
    EXPORT = "export", _("Exporteren")
    LOGIN = "login", _("Inloggen")
    FAILED_LOGIN = "failed_login", _("Mislukte inlogpoging")
    DENIED = "denied", _("Geweigerde toegang")
    INCIDENT = "incident", _("Beveiligingsincident")


class Result(models.TextChoices):
    SUCCESS = "success", _("Gelukt")
    REFUSED = "refused", _("Geweigerd")
    FAILED = "failed", _("Mislukt")


# How an entry's hash is made. 1: SHA-256 over the content (entries before issue 13).
# 2: HMAC-SHA256 keyed with settings.AUDIT_CHAIN_KEY, also over result and origin. Once a
# scheme-2 entry exists, every later entry must be scheme 2 (the verifier checks it).
LEGACY_SCHEME = 1
KEYED_SCHEME = 2


class AuditEntry(models.Model):
    # Snapshots rather than foreign keys: the log must outlive renamed users, anonymised
    # cases and removed organisations, and can never be changed by a cascade.
    at = models.DateTimeField(_("tijdstip"), db_index=True)
    user_id = models.BigIntegerField(_("gebruiker-id"), null=True, db_index=True)
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    organisation = models.CharField(_("organisatie"), max_length=200, blank=True)
    role = models.CharField(_("rol"), max_length=30, blank=True)
    action = models.CharField(_("actie"), max_length=20, choices=Action.choices)
    case_id = models.BigIntegerField(_("casus-id"), null=True, db_index=True)
    case_reference = models.CharField(_("casus"), max_length=20, blank=True)
    object_type = models.CharField(_("soort gegeven"), max_length=60, blank=True)
    object_id = models.CharField(_("gegeven-id"), max_length=40, blank=True)
    # Every person whose data was shown or changed, as "|12|15|", so "who looked at my
    # file?" is one indexed-prefix-free LIKE query and the request stays one insert.
    person_ids = models.CharField(_("betrokkenen"), max_length=2000, blank=True)
    purpose = models.CharField(_("doel"), max_length=200, blank=True)
    path = models.CharField(_("adres"), max_length=300, blank=True)
    result = models.CharField(
        _("resultaat"), max_length=10, choices=Result.choices, default=Result.SUCCESS
    )
    # Origin (BIO2 8.15.01): the client address (through a configured trusted proxy) and a
    # keyed digest of the user agent — enough to tell devices apart, not to fingerprint.
    origin_address = models.CharField(_("herkomst (adres)"), max_length=45, blank=True)
    user_agent_digest = models.CharField(_("herkomst (apparaat)"), max_length=16, blank=True)
    scheme = models.PositiveSmallIntegerField(default=LEGACY_SCHEME)
    # The case membership (with its purpose and legal basis, WGS) under which the acting
    # organisation read or changed the case; empty where no partner membership applies.
    sharing_id = models.BigIntegerField(_("deelname (doel en grondslag)"), null=True, blank=True)
    previous_hash = models.CharField(max_length=64)
    # Not indexed (issue 14): a hash is random, so its B-tree — and the pattern index a
    # unique CharField also gets on PostgreSQL — took a random page per entry, half of
    # the access log's cost on a page at 1,000,000 entries. The chain, verified entry by
    # entry (verify_audit_log), is what makes the log tamper-evident; nothing looks an
    # entry up by its hash but that command's check of an anchor.
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("logregel")
        verbose_name_plural = _("logregels")
        default_permissions = ("view",)
        # The log manager's search by username (any case: `iexact`, the name as it was
        # then). A request's entries share one name, so an append adds to one leaf.
        indexes = [models.Index(Upper("username"), name="audit_entry_username")]

    def canonical(self) -> str:
        fields = [
            self.at.isoformat(),
            self.user_id,
            self.username,
            self.organisation,
            self.role,
            self.action,
            self.case_id,
            self.case_reference,
            self.object_type,
            self.object_id,
            self.person_ids,
            self.purpose,
            self.path,
            self.previous_hash,
        ]
        if self.scheme == KEYED_SCHEME:
            fields += [self.result, self.origin_address, self.user_agent_digest, self.scheme]
        # Added later: hashed only when present, so entries written before keep their hash.
        if self.sharing_id is not None:
            fields.append(["sharing", self.sharing_id])
        return json.dumps(fields, separators=(",", ":"))

    def compute_hash(self) -> str:
        if self.scheme == KEYED_SCHEME:
            key = settings.AUDIT_CHAIN_KEY.encode()
            return hmac.new(key, self.canonical().encode(), hashlib.sha256).hexdigest()
        return hashlib.sha256(self.canonical().encode()).hexdigest()
