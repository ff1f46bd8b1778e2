# SPDX-License-Identifier: EUPL-1.2
"""Thin, idempotent Celery tasks: take ids, call one service."""

from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def notify_case_changed(*, case_id: int, event_key: str) -> None:
    from casework.services.notifications import notification_case_changed

    notification_case_changed(case_id=case_id, event_key=event_key)
