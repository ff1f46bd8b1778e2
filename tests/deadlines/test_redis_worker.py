# SPDX-License-Identifier: EUPL-1.2
"""A real Celery worker consumes reminder deliveries from Redis; a duplicate is absorbed."""

import datetime
import time

import pytest
from django.core import mail

from config.celery import app
from deadlines.models import ReminderDelivery
from notifications.models import Notification
from tests.deadlines.conftest import impose, local


@pytest.mark.redis
@pytest.mark.django_db(transaction=True)
def test_worker_delivers_each_reminder_once_even_when_enqueued_twice(world):
    from celery.contrib.testing.worker import start_worker

    from deadlines.services.reminders import reminders_dispatch_due
    from deadlines.tasks import reminder_deliver

    impose(world, local(2026, 3, 20, 14, 0))
    previous = {key: app.conf[key] for key in ("result_backend", "broker_url")}
    app.conf.update(result_backend=app.conf.broker_url)
    app._local.__dict__.pop("backend", None)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            # The scan's dispatch step commits and enqueues one task per delivery.
            assert reminders_dispatch_due(now=local(2026, 3, 27, 14, 0)) == 4
            ids = list(ReminderDelivery.objects.values_list("pk", flat=True))
            # A duplicate delivery attempt for every delivery (as after a redelivery).
            duplicates = [reminder_deliver.delay(delivery_id=pk) for pk in ids]
            for result in duplicates:  # the task ignores results: wait until processed
                result.get(timeout=30)
            # All four deliveries are done, once each, whichever attempt ran first.
            for _ in range(60):
                if not ReminderDelivery.objects.filter(notified_at__isnull=True).exists():
                    break
                time.sleep(0.5)
    finally:
        app.conf.update(previous)
        app._local.__dict__.pop("backend", None)
    assert not ReminderDelivery.objects.filter(notified_at__isnull=True).exists()
    assert Notification.objects.filter(event_key__startswith="reminder:").count() == 4
    assert sorted(len(m.to) for m in mail.outbox) == [1, 1, 1, 1]
    assert ReminderDelivery.objects.filter(attempts=1).count() == 4
    emailed = ReminderDelivery.objects.values_list("emailed_at", flat=True)
    assert all(isinstance(moment, datetime.datetime) for moment in emailed)
