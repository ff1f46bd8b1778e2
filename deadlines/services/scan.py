# SPDX-License-Identifier: EUPL-1.2
"""The every-minute beat scan of the deadline engine (docs/deadlines.md)."""

from datetime import datetime

from deadlines.registry import SCAN_STEPS
from deadlines.services.escalations import escalations_escalate_ignored, escalations_raise
from deadlines.services.reminders import (
    deadline_reminders_plan,
    deliveries_requeue,
    reminders_dispatch_due,
)


def deadline_scan(*, now: datetime, fixed_clock: bool = False) -> dict[str, int]:
    """Everything the every-minute beat does, in order; each step its own transaction, so
    one failing step does not hold back the others on the next run. The dispatch drains
    every due reminder before the huisverbod expiry runs. `fixed_clock`: `now` is not the
    real time (tests, catch-up runs); the deliveries use it as well."""
    deliver_at = now if fixed_clock else None
    counts = {
        "deadline_reminders": deadline_reminders_plan(now=now),
        "escalations": escalations_raise(now=now),
        "ignored": escalations_escalate_ignored(now=now),
    }
    counts["deliveries"] = reminders_dispatch_due(now=now, deliver_at=deliver_at)
    for name, step in SCAN_STEPS:  # registered by the apps above (huisverbod: expiry)
        counts[name] = step(now)
    counts["requeued"] = deliveries_requeue(now=now, deliver_at=deliver_at)
    return counts
