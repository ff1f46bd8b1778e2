# SPDX-License-Identifier: EUPL-1.2
"""Reads of the access log, for the log manager only."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from audit.models import AuditEntry
from audit.permissions import can_read_audit_log

__all__ = ["audit_entries", "can_read_audit_log"]


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
        qs = qs.filter(
            Q(case_reference__iexact=case) | Q(case_id=int(case))
            if case.isdigit()
            else Q(case_reference__iexact=case)
        )
    if person_id is not None:
        qs = qs.filter(
            Q(person_ids__contains=f"|{int(person_id)}|")
            | Q(object_type="casework.Person", object_id=str(int(person_id)))
        )
    if username.strip():
        qs = qs.filter(username__iexact=username.strip())
    if date_from:
        qs = qs.filter(at__gte=_start_of(date_from))
    if date_to:
        qs = qs.filter(at__lt=_start_of(date_to + timedelta(days=1)))
    if action:
        qs = qs.filter(action=action)
    return qs.order_by("-at", "-pk")
