# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks: take ids, call one service."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def notify_case_changed(*, case_id: int, event_key: str) -> None:
    from casework.services.notifications import notification_case_changed

    notification_case_changed(case_id=case_id, event_key=event_key)


@shared_task(name="casework.deadline_scan", acks_late=True, ignore_result=True)
def deadline_scan(now: str | None = None) -> dict:
    """The every-minute beat scan. `now` (ISO 8601) only for tests and catch-up runs."""
    from datetime import datetime

    from django.utils import timezone

    from casework.services.reminders import deadline_scan as scan

    return scan(now=datetime.fromisoformat(now) if now else timezone.now())


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
    from datetime import datetime

    from casework.services.reminders import reminder_deliver as deliver

    return deliver(delivery_id=delivery_id, now=datetime.fromisoformat(now) if now else None)
