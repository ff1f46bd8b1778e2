# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks: take ids, call one service."""

from celery import shared_task

from notifications.services import notification_case_event


@shared_task(
    name="casework.tasks.notify_case_changed",  # the name queued before the move
    acks_late=True,
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
def notify_case_changed(*, case_id: int, event_key: str) -> None:
    notification_case_event(case_id=case_id, event_key=event_key)
