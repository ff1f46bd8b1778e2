# SPDX-License-Identifier: EUPL-1.2
"""Keep the deadline engine's table in step with its sources."""

from datetime import date

from django.db import models, transaction
from django.utils import timezone

from deadlines.models import Deadline, DeadlineStatus


@transaction.atomic
def deadline_sync(
    *,
    case,
    kind: str,
    source: models.Model,
    title: str,
    owner_organisation,
    owner_user=None,
    due_date: date,
    status: str = DeadlineStatus.OPEN,
) -> Deadline:
    """Create or update the one Deadline row of `source`. Called by the services that
    write agreements, evaluation moments and conference actions, inside their transaction."""
    deadline, _ = Deadline.objects.update_or_create(
        source_type=source._meta.label_lower,
        source_id=source.pk,
        defaults={
            "case": case,
            "kind": kind,
            "title": title[:300],
            "owner_organisation": owner_organisation,
            "owner_user": owner_user,
            "due_date": due_date,
            "status": status,
        },
    )
    # The moment it was first done stays (the on-time share reads it, issue 20): a later
    # sync of the same source, an edited text say, does not move it.
    completed_at = (
        (deadline.completed_at or timezone.now()) if status == DeadlineStatus.DONE else None
    )
    if deadline.completed_at != completed_at:
        Deadline.objects.filter(pk=deadline.pk).update(completed_at=completed_at)
        deadline.completed_at = completed_at
    return deadline
