# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks of the deadline engine: take ids, call one service.

The task names are the ones queued before the engine had its own app, so messages already
in the broker are still consumed."""

from datetime import datetime

from celery import shared_task
from django.utils import timezone

from deadlines.services.reminders import reminder_deliver as deliver
from deadlines.services.scan import deadline_scan as scan


@shared_task(name="casework.deadline_scan", acks_late=True, ignore_result=True)
def deadline_scan(now: str | None = None) -> dict:
    """The every-minute beat scan. `now` (ISO 8601) only for tests and catch-up runs."""
    if now:
        return scan(now=datetime.fromisoformat(now), fixed_clock=True)
    return scan(now=timezone.now())


@shared_task(
    name="casework.reminder_deliver",
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=8,
    ignore_result=True,
)
def reminder_deliver(*, delivery_id: int, now: str | None = None) -> bool:
    """One reminder to one recipient; a duplicate or retried run does nothing."""
    return deliver(delivery_id=delivery_id, now=datetime.fromisoformat(now) if now else None)
