# SPDX-License-Identifier: EUPL-1.2
"""What the rooms above casework must say about closing a case, and what they do when it
closes or reopens. casework never imports them: they register in their AppConfig.ready().

- a blocker (case) -> [sentence]: closing is refused while it says anything (huisverbod:
  an order is running);
- a warning (case) -> [sentence]: listed on the decision page; approving anyway needs an
  explicit acknowledgement, stored with the decision (safety plan: unmet conditions, open
  agreements; deadlines: open escalations);
- on_closed / on_reopened (case, now): called inside the transition's transaction
  (deadlines: the closed case falls silent; reopening restores future deadlines).
"""

from collections.abc import Callable
from datetime import datetime

CLOSE_BLOCKERS: list[Callable] = []
CLOSE_WARNINGS: list[Callable] = []
ON_CLOSED: list[Callable] = []
ON_REOPENED: list[Callable] = []


def _add(registry: list, fn: Callable) -> None:
    if fn not in registry:
        registry.append(fn)


def register_close_blocker(fn: Callable) -> None:
    _add(CLOSE_BLOCKERS, fn)


def register_close_warning(fn: Callable) -> None:
    _add(CLOSE_WARNINGS, fn)


def register_on_closed(fn: Callable) -> None:
    _add(ON_CLOSED, fn)


def register_on_reopened(fn: Callable) -> None:
    _add(ON_REOPENED, fn)


def close_blockers(case) -> list[str]:
    return [str(sentence) for fn in CLOSE_BLOCKERS for sentence in fn(case)]


def close_warnings(case) -> list[str]:
    return [str(sentence) for fn in CLOSE_WARNINGS for sentence in fn(case)]


def case_closed(case, now: datetime) -> None:
    for fn in ON_CLOSED:
        fn(case, now)


def case_reopened(case, now: datetime) -> None:
    for fn in ON_REOPENED:
        fn(case, now)
