# SPDX-License-Identifier: EUPL-1.2
"""The case timeline: casework's own events plus those of the apps above it.

Apps above casework (huisverbod, deadlines, safetyplan, conferences) register a source in
their AppConfig.ready(); casework never imports them. A source is a function
(case, user) -> list[TimelineEntry] that already leaves out what the user may not see,
and runs a fixed number of queries whatever the size of the case. The case is one the
user may see (every caller fetched it through case_get_for), so a source applies only the
confidentiality levels within it, as the incidents do.
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


# Labels of the kinds of entry that rooms above casework add (the timeline page's filter).
KIND_LABELS: dict = {}


def register_timeline_kind(kind: str, label) -> None:
    KIND_LABELS[kind] = label


def register_timeline_source(source: TimelineSource) -> None:
    if source not in SOURCES:
        SOURCES.append(source)
