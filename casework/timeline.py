# SPDX-License-Identifier: EUPL-1.2
"""The case timeline: casework's own events plus those of the apps above it.

Apps above casework (huisverbod, deadlines, safetyplan, conferences, ...) register a source
in their AppConfig.ready(); casework never imports them. A source is a function
(case) -> list[TimelineEntry] telling everything that happened in its tables, each entry
with the confidentiality level of what it tells. It runs a fixed number of queries
whatever the size of the case, and names the models it reads, so that a write to them
marks the case's timeline stale.

Reading is one indexed query per page (casework.models.TimelineEvent). The rows are a
derived copy: the first read after a change rebuilds the case's rows from the sources,
under a lock on the case's TimelineState, so what the timeline says is always what the
tables say now (anonymised, re-levelled or edited included). A write raises a counter
and drops the rows, so no copy of changed or anonymised text stays behind.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter

from django.db import models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils import translation

from audit.models import Action
from casework.models import Case, Confidentiality, TimelineEvent, TimelineState

_WRITES = {Action.CREATE, Action.UPDATE, Action.DELETE, Action.TRANSITION}


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    # A message id marked with gettext_noop, with %(name)s placeholders filled from params
    # when it is shown (in the reader's language).
    message: str
    detail: str = ""
    actor: str = ""
    params: dict = field(default_factory=dict)
    confidentiality: str = Confidentiality.TEAM
    sector: str = ""
    organisation_id: int | None = None


TimelineSource = Callable[[Case], list[TimelineEntry]]
SOURCES: list[TimelineSource] = []


# Labels of the kinds of entry that rooms above casework add (the timeline page's filter).
KIND_LABELS: dict = {}


def register_timeline_kind(kind: str, label) -> None:
    KIND_LABELS[kind] = label


def register_timeline_source(
    source: TimelineSource,
    *,
    models: Iterable[type[models.Model]] = (),
    related: dict[type[models.Model], Callable] | None = None,
) -> None:
    """`models` are the models the source reads that have a `case_id`; `related` maps
    those that reach their case through another row to a function instance -> case id (or
    ids). A save or delete of one of them marks that case's timeline stale."""
    if source not in SOURCES:
        SOURCES.append(source)
    for model in models:
        watch(model, attrgetter("case_id"))
    for model, case_id_of in (related or {}).items():
        watch(model, case_id_of)


# --- Staleness ------------------------------------------------------------------------------
def mark_stale(case_id: int | None) -> None:
    """The case's timeline no longer says what the tables say: its rows go at once (so no
    copy of changed or anonymised text stays behind) and the next read rebuilds them. A
    case without a TimelineState row was never built, which is stale already."""
    if case_id is not None:
        mark_stale_many([case_id])


def mark_stale_many(case_ids: Iterable[int]) -> None:
    case_ids = list(case_ids)
    if TimelineState.objects.filter(case_id__in=case_ids).update(seq=F("seq") + 1):
        TimelineEvent.objects.filter(case_id__in=case_ids).delete()


_WATCHED: dict = {}


def watch(model: type[models.Model], case_id_of: Callable) -> None:
    """Mark the timeline stale on every save and delete of `model` (queryset updates do
    not send signals: those go through services that write an access-log entry, which
    marks it too, see CaseworkConfig.ready)."""
    if model in _WATCHED:
        return

    def changed(sender, instance, **kwargs):
        if kwargs.get("raw"):  # loaddata
            return
        try:
            case_ids = case_id_of(instance)
        except models.ObjectDoesNotExist:  # deleted with its case: nothing left to tell
            return
        if isinstance(case_ids, int) or case_ids is None:
            mark_stale(case_ids)
        else:
            mark_stale_many(case_ids)

    _WATCHED[model] = changed
    post_save.connect(
        changed, sender=model, weak=False, dispatch_uid=f"timeline:{model._meta.label}"
    )
    post_delete.connect(
        changed, sender=model, weak=False, dispatch_uid=f"timeline-del:{model._meta.label}"
    )


# --- Building and reading ----------------------------------------------------------------
def _rows(case: Case, entries: Iterable[TimelineEntry]) -> list[TimelineEvent]:
    return [
        TimelineEvent(
            case=case,
            at=e.at,
            kind=e.kind,
            message=str(e.message)[:300],
            params={k: str(v) for k, v in e.params.items()},
            detail=e.detail or "",
            actor=(e.actor or "")[:300],
            confidentiality=e.confidentiality or Confidentiality.TEAM,
            sector=e.sector or "",
            organisation_id=e.organisation_id,
        )
        for e in entries
        if e.at is not None
    ]


def timeline_rebuild(case: Case) -> None:
    """Rebuild the case's rows from every source, if they are not current."""
    with transaction.atomic():
        TimelineState.objects.get_or_create(case=case)
        state = TimelineState.objects.select_for_update().get(case=case)
        if state.is_current:
            return
        # Values that are labels (a status, a kind) are kept in Dutch, the language of the
        # message ids, and translated with the message when shown.
        with translation.override("nl"):
            entries = [entry for source in SOURCES for entry in source(case)]
        TimelineEvent.objects.filter(case=case).delete()
        TimelineEvent.objects.bulk_create(_rows(case, entries), batch_size=500)
        TimelineState.objects.filter(case=case).update(built_seq=state.seq)


def timeline_ensure_current(case: Case) -> None:
    """One query when the rows are current; a rebuild when they are not."""
    state = TimelineState.objects.filter(case_id=case.pk).first()
    if state is None or not state.is_current:
        timeline_rebuild(case)


def stale_after_write(entries) -> None:
    """Access-log listener: a write on a case (by any service, also a queryset update that
    sends no signal) marks the case's timeline stale."""
    for case_id in {e.case_id for e in entries if e.action in _WRITES and e.case_id}:
        mark_stale(case_id)
