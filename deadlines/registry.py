# SPDX-License-Identifier: EUPL-1.2
"""What the deadline engine offers the apps above it, which register themselves.

The engine never imports its sources (safety plan, conferences, huisverbod). A source
that plans reminders of its own kinds registers how to address and word them; a source
that must act in the every-minute scan registers a step; a source whose deadlines a
manager may move registers how to carry the decision back to it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class ReminderTopic:
    """How the engine delivers a reminder kind it does not know itself."""

    recipients: Callable  # (reminder) -> set[int] of user ids
    message: Callable  # (reminder) -> str, the case reference and dates, never names
    link: Callable | None = None  # (reminder) -> path; default: the case page
    # The recipients depend on the case only: the dispatch asks once per case and batch.
    per_case: bool = False


REMINDER_TOPICS: dict[str, ReminderTopic] = {}
SCAN_STEPS: list[tuple[str, Callable[[datetime], int]]] = []
# source_type ("safetyplan.safetyagreement") -> on_decision(deadline, escalation, actor)
DECISION_HANDLERS: dict[str, Callable] = {}
# Deadline kinds that are dates to be told about (a release date), not obligations of their
# owner: the engine plans no owner reminders and raises no escalations for them; the
# source plans its own reminders (with its own topic) and closes them once the date is past.
INFORMATIONAL_KINDS: set[str] = set()


def register_reminder_kinds(kinds, topic: ReminderTopic) -> None:
    for kind in kinds:
        REMINDER_TOPICS[str(kind)] = topic


def register_scan_step(name: str, step: Callable[[datetime], int]) -> None:
    """A step of the every-minute scan, run after the engine's own dispatch."""
    if name not in {existing for existing, _step in SCAN_STEPS}:
        SCAN_STEPS.append((name, step))


def register_decision_handler(source_type: str, handler: Callable) -> None:
    DECISION_HANDLERS[source_type] = handler


def register_informational_kinds(kinds) -> None:
    INFORMATIONAL_KINDS.update(str(kind) for kind in kinds)
