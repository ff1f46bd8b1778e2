# SPDX-License-Identifier: EUPL-1.2
"""Producers of case events register how to describe them; the notification task looks
them up by the event key's kind ("phase-change:12" → "phase-change"). The notification app
never imports its producers: they import this module (arrows only run down)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Described:
    """What one event tells whom: the message (a case reference, never a name or an
    address) and the ids of the users to tell."""

    message: str
    recipient_ids: set[int]


# kind -> describe(case_id, object_pk) -> Described
EVENTS: dict[str, Callable[[int, str], Described]] = {}


def register_event(kind: str, describe: Callable[[int, str], Described]) -> None:
    EVENTS[kind] = describe


def describe(*, case_id: int, event_key: str) -> tuple[str, Described]:
    kind, _sep, pk = event_key.partition(":")
    if kind not in EVENTS:
        raise ValueError(f"unknown event {kind}")
    return kind, EVENTS[kind](case_id, pk)
