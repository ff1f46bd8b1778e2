# SPDX-License-Identifier: EUPL-1.2
"""Reads of the access log, for the log manager only."""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from audit.models import AuditEntry
from audit.permissions import can_read_audit_log
from config.ids import id_in_range

__all__ = ["audit_entries", "can_read_audit_log", "naming_person", "register_case_finder"]

# (what the log manager typed) -> the ids of the cases with that reference, registered by
# casework (the rooms above fill audit's registries): the log is then searched through its
# indexed case id, not by reading every entry's reference (issue 14).
CASE_FINDERS: list[Callable[[str], list[int]]] = []


def register_case_finder(finder: Callable[[str], list[int]]) -> None:
    if finder not in CASE_FINDERS:
        CASE_FINDERS.append(finder)


# The person ids an entry names: its person_ids ("|12|15|") and its object when that is a
# person. The expression and the condition of the partial GIN index audit_entry_persons
# (audit/migrations/0006, PostgreSQL), to the letter, so PostgreSQL reads that index.
NAMED_PERSONS = (
    "(CASE WHEN person_ids ~ '^(\\|[0-9]{1,18})+\\|$'"
    " THEN string_to_array(btrim(person_ids, '|'), '|') ELSE '{}'::text[] END"
    " || CASE WHEN object_type = 'casework.Person' AND object_id ~ '^[0-9]{1,18}$'"
    " THEN ARRAY[object_id::text] ELSE '{}'::text[] END)::bigint[]"
)
NAMES_SOMEONE = "person_ids <> '' OR object_type = 'casework.Person'"


def naming_person(person_id: int):
    """The condition "this entry names the person" for filter(): through the index on
    PostgreSQL, by reading person_ids and the object elsewhere (SQLite, small logs)."""
    if not id_in_range(person_id):
        return Q(pk__in=[])
    if connection.vendor == "postgresql":
        # Constant SQL (the index's own expression); the person id goes in as a parameter.
        return RawSQL(  # noqa: S611
            f"({NAMES_SOMEONE}) AND {NAMED_PERSONS} @> ARRAY[%s]::bigint[]",
            [person_id],
            output_field=BooleanField(),
        )
    return Q(person_ids__contains=f"|{person_id}|") | Q(
        object_type="casework.Person", object_id=str(person_id)
    )


def _case_q(case: str) -> Q:
    """A case number is the case's id; anything else its reference ("ZVH-2026-0042").
    Found by id, the entries include those that name the case by id alone (a refusal, a
    form under the case), which carry no reference."""
    if case.isdigit():
        return Q(case_id=int(case)) if id_in_range(int(case)) else Q(pk__in=[])
    if CASE_FINDERS:
        return Q(case_id__in=sorted({pk for find in CASE_FINDERS for pk in find(case)}))
    return Q(case_reference__iexact=case)


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_entries(
    *,
    user,
    case: str = "",
    person_id: int | None = None,
    username: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    action: str = "",
) -> QuerySet[AuditEntry]:
    """Entries matching the search, newest first. Empty for anyone but the log manager."""
    if not can_read_audit_log(user):
        return AuditEntry.objects.none()
    qs = AuditEntry.objects.all()
    case = case.strip()
    if case:
        qs = qs.filter(_case_q(case))
    if person_id is not None:
        qs = qs.filter(naming_person(int(person_id)))
    if username.strip():
        qs = qs.filter(username__iexact=username.strip())
    if date_from:
        qs = qs.filter(at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-at", "-pk")
