# SPDX-License-Identifier: EUPL-1.2
from celery import shared_task
from django.utils import timezone

from audit.services import audit_chain_check


@shared_task(name="audit.chain_check", acks_late=True, ignore_result=True)
def chain_check() -> int:
    """Daily: verify the access log's chain and write its head outside the database."""
    return len(audit_chain_check(now=timezone.now()))
