# SPDX-License-Identifier: EUPL-1.2
from celery import shared_task
from django.utils import timezone

from privacy.services import retention_anonymise_due


@shared_task(name="privacy.retention_anonymise_due")
def retention_anonymise_due_task() -> int:
    """Daily beat: anonymise the closed cases whose retention date has passed."""
    return retention_anonymise_due(now=timezone.now())
