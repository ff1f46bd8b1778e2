# SPDX-License-Identifier: EUPL-1.2
from celery import shared_task
from django.utils import timezone

from privacy.services import huisverbod_decisions_expire, retention_anonymise_due


@shared_task(name="privacy.retention_anonymise_due")
def retention_anonymise_due_task() -> int:
    """Daily beat: anonymise the closed cases whose retention date has passed, then clear
    the huisverbod decisions of anonymised cases whose own term has passed."""
    now = timezone.now()
    anonymised = retention_anonymise_due(now=now)
    huisverbod_decisions_expire(now=now)
    return anonymised
