# SPDX-License-Identifier: EUPL-1.2
from celery import shared_task


@shared_task(acks_late=True, autoretry_for=(Exception,), retry_backoff=True, max_retries=5)
def notify_minutes(*, conference_id: int) -> None:
    from conferences.services import minutes_notifications_create  # noqa: PLC0415 — services import this module

    minutes_notifications_create(conference_id=conference_id)
