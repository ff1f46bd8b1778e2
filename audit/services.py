# SPDX-License-Identifier: EUPL-1.2
"""The one way into the access log: audit_record()."""

from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from audit.models import AuditEntry

GENESIS = "0" * 64
_CHAIN_LOCK = 7513  # pg advisory lock key that serialises appends to the chain


def _person_ids(persons: Iterable) -> str:
    ids = sorted({getattr(p, "pk", p) for p in persons})
    return "|" + "|".join(str(i) for i in ids) + "|" if ids else ""


def audit_record(
    *,
    actor,
    action: str,
    case=None,
    obj=None,
    persons: Iterable = (),
    purpose: str = "",
    path: str = "",
    username: str = "",
) -> AuditEntry:
    """Append one entry to the chain. Runs in its own transaction so that the entry stays
    even when the surrounding work is rolled back (a refused attempt is still logged)."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    entry = AuditEntry(
        at=timezone.now(),
        user_id=actor.pk if authenticated else None,
        username=actor.username if authenticated else username[:150],
        organisation=str(actor.organisation) if authenticated and actor.organisation else "",
        role=actor.role if authenticated else "",
        action=action,
        case_id=case.pk if case is not None else None,
        case_reference=case.reference if case is not None else "",
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person_ids=_person_ids(persons),
        purpose=purpose[:200],
        path=path[:300],
    )
    using = "default"
    with transaction.atomic(using=using, durable=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
        last = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first()
        entry.previous_hash = last or GENESIS
        entry.hash = entry.compute_hash()
        entry.save(force_insert=True)
    return entry
