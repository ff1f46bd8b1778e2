# SPDX-License-Identifier: EUPL-1.2
"""The case timeline: casework's own events plus those of the apps above it.

Apps above casework (huisverbod, deadlines, safetyplan, conferences) register a source in
their AppConfig.ready(); casework never imports them. A source is a function
(case, user) -> list[TimelineEntry] that already leaves out what the user may not see,
and runs a fixed number of queries whatever the size of the case.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    title: str
    detail: str
    actor: str


TimelineSource = Callable[..., list[TimelineEntry]]
SOURCES: list[TimelineSource] = []


def register_timeline_source(source: TimelineSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)
