# SPDX-License-Identifier: EUPL-1.2
"""The one way into the access log: audit_record(); and the chain check."""

import hashlib
import hmac
import ipaddress
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.http import Http404
from django.utils import timezone

from audit.models import KEYED_SCHEME, LEGACY_SCHEME, Action, AuditEntry, Result
from config.bulk import unnest_insert

GENESIS = "0" * 64
_CHAIN_LOCK = 7513  # the advisory lock of audit_chain_head() (audit/migrations/0008)

# How many entries the current request wrote (set by audit.middleware.AuditMiddleware),
# so the middleware adds a "denied" entry only when the view wrote none itself.
_request_entries: ContextVar[list | None] = ContextVar("audit_request_entries", default=None)
# Where the current request comes from: (client address, user-agent digest).
_origin: ContextVar[tuple[str, str]] = ContextVar("audit_origin", default=("", ""))

head_logger = logging.getLogger("casusregie.audit.head")

_RESULT_OF = {Action.DENIED: Result.REFUSED, Action.FAILED_LOGIN: Result.FAILED}


def _digest(value: str, length: int = 16) -> str:
    key = settings.AUDIT_CHAIN_KEY.encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()[:length]


def unknown_username(typed: str) -> str:
    """What the log keeps of a username that belongs to no account: never what was typed
    (it may be a password typed in the wrong field), only a keyed digest that lets the log
    manager see repeated attempts with the same text."""
    return f"onbekend:{_digest(typed, 12)}"


def client_origin(request) -> tuple[str, str]:
    """The client address — from X-Forwarded-For only when the direct peer is one of
    settings.AUDIT_TRUSTED_PROXIES (the rightmost address that is not a trusted proxy) —
    and a keyed digest of the user agent."""
    trusted = set(settings.AUDIT_TRUSTED_PROXIES)
    address = request.META.get("REMOTE_ADDR", "") or ""
    if address in trusted:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        for hop in reversed([h for h in hops if h]):
            if hop not in trusted:
                address = hop
                break
    try:
        address = str(ipaddress.ip_address(address))
    except ValueError:
        address = ""
    agent = request.META.get("HTTP_USER_AGENT", "")
    return address, _digest(agent) if agent else ""


# One trace id per request (Logboek Dataverwerkingen: the processings of one request).
_trace_id: ContextVar[str | None] = ContextVar("audit_trace_id", default=None)

# Registries filled by the rooms above (arrows only run down):
# (actor, case_ids) -> {case_id: membership id} — the sharing basis of a partner's access;
SHARING_RESOLVERS: list[Callable] = []
# (entries) -> None — called inside the same transaction after entries were appended.
ENTRY_LISTENERS: list[Callable] = []


def register_sharing_resolver(resolver: Callable) -> None:
    if resolver not in SHARING_RESOLVERS:
        SHARING_RESOLVERS.append(resolver)


def register_entry_listener(listener: Callable) -> None:
    if listener not in ENTRY_LISTENERS:
        ENTRY_LISTENERS.append(listener)


def current_trace_id() -> str:
    """The trace id of the current request, or a fresh one outside a request."""
    return _trace_id.get() or uuid.uuid4().hex


def _sharing_ids(actor, case_ids: set[int], *, cases: dict | None = None) -> dict[int, int]:
    """`cases` (id -> the case object, when the caller has it) lets a resolver use what a
    page already loaded."""
    if not case_ids or actor is None or not getattr(actor, "is_authenticated", False):
        return {}
    found: dict[int, int] = {}
    for resolver in SHARING_RESOLVERS:
        found.update(resolver(actor, case_ids, cases=cases or {}))
    return found


def _person_ids(persons: Iterable) -> str:
    ids = sorted({int(getattr(p, "pk", p)) for p in persons})
    return "|" + "|".join(str(i) for i in ids) + "|" if ids else ""


def audit_record(
    *,
    actor,
    action: str,
    case=None,
    case_id: int | None = None,
    obj=None,
    persons: Iterable = (),
    purpose: str = "",
    path: str = "",
    username: str = "",
    result: str = "",
) -> AuditEntry:
    """Append one entry to the chain: one INSERT (plus a lock and a read of the last hash).

    `case_id` alone records an attempt on a case id that may not exist (guessed ids).
    The entry is part of the caller's transaction: a change that is rolled back leaves no
    entry claiming it happened. Refusals are recorded outside service transactions."""
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    organisation = getattr(actor, "organisation", None) if authenticated else None
    entry = AuditEntry(
        user_id=actor.pk if authenticated else None,
        username=actor.username if authenticated else username[:150],
        organisation=str(organisation) if organisation else "",
        role=actor.role if authenticated else "",
        action=action,
        case_id=case.pk if case is not None else case_id,
        case_reference=case.reference if case is not None else "",
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        person_ids=_person_ids(persons),
        purpose=purpose[:200],
        path=path[:300],
        result=result or _RESULT_OF.get(action, Result.SUCCESS),
    )
    if entry.case_id is not None:
        loaded = {case.pk: case} if case is not None else None
        entry.sharing_id = _sharing_ids(actor, {entry.case_id}, cases=loaded).get(entry.case_id)
    return _append([entry])[0]


def _pg_chain_head(cursor) -> str | None:
    """Take the chain's lock, then read its last hash: one call of the function of
    audit/migrations/0008, whose read is a statement of its own inside PostgreSQL, so it
    sees every append committed before the lock was granted (one round trip, not two)."""
    cursor.execute("SELECT audit_chain_head()")
    return cursor.fetchone()[0]


def _chain(entries: list[AuditEntry], previous: str | None) -> None:
    # The time is taken under the lock, so the chain order is also the time order.
    now = timezone.now()
    address, agent = _origin.get()
    for entry in entries:
        entry.at = now
        entry.scheme = KEYED_SCHEME
        entry.origin_address = entry.origin_address or address
        entry.user_agent_digest = entry.user_agent_digest or agent
        entry.previous_hash = previous or GENESIS
        entry.hash = previous = entry.compute_hash()


def _append(entries: list[AuditEntry]) -> list[AuditEntry]:
    """Chain the entries after the last one and write them in one INSERT, under a lock
    that serialises appends (PostgreSQL advisory lock; SQLite serialises writers itself).
    On PostgreSQL the lock, the head and the INSERT are written SQL: the ORM's building
    of them cost more than PostgreSQL's work on a list page (issue 14)."""
    # No savepoint of its own: a failed entry fails the request's transaction with it.
    with transaction.atomic(savepoint=False):
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                _chain(entries, _pg_chain_head(cursor))
                created = unnest_insert(cursor, AuditEntry, entries, returning=True)
        else:
            head = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first()
            _chain(entries, head)
            created = AuditEntry.objects.bulk_create(entries)
        for listener in ENTRY_LISTENERS:
            listener(created)
    recorded = _request_entries.get()
    if recorded is not None:
        recorded.extend(e.pk for e in created)
    return created


def audit_record_many(*, actor, action: str, items: Iterable, path: str = "") -> list[AuditEntry]:
    """One entry per item shown on a page — items are (case, obj, persons) — chained in
    order and written with a single multi-row INSERT, so a list stays one insert."""
    organisation = getattr(actor, "organisation", None)
    items = list(items)
    entries = [
        AuditEntry(
            user_id=actor.pk,
            username=actor.username,
            organisation=str(organisation) if organisation else "",
            role=actor.role,
            action=action,
            case_id=case.pk,
            case_reference=case.reference,
            object_type=(obj or case)._meta.label,
            object_id=str((obj or case).pk),
            person_ids=_person_ids(persons),
            path=path[:300],
        )
        for case, obj, persons in items
    ]
    cases = {case.pk: case for case, _obj, _persons in items}
    sharing = _sharing_ids(actor, set(cases), cases=cases)
    for entry in entries:
        entry.sharing_id = sharing.get(entry.case_id)
    return _append(entries) if entries else []


def audit_record_cases(*, actor, action: str, cases: Iterable, path: str = "") -> list[AuditEntry]:
    """One entry per case shown (a case list, a conference with several cases)."""
    return audit_record_many(
        actor=actor, action=action, items=[(case, None, ()) for case in cases], path=path
    )


def request_entries() -> list | None:
    """The ids of the entries the current request wrote (None outside a request)."""
    return _request_entries.get()


def begin_request(request=None):
    origin = _origin.set(client_origin(request) if request is not None else ("", ""))
    return _request_entries.set([]), origin, _trace_id.set(uuid.uuid4().hex)


def end_request(token) -> None:
    entries, origin, trace = token
    _request_entries.reset(entries)
    _origin.reset(origin)
    _trace_id.reset(trace)


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def audit_chain_breaks(*, chunk_size: int = 2000) -> Iterator[ChainBreak]:
    """Walk the chain in id order and yield every entry that does not fit: its content was
    altered (hash mismatch), or it does not follow the entry before it (an entry before it
    was removed, or it was inserted out of order)."""
    previous = GENESIS
    last_pk = 0
    keyed_seen = False
    while True:
        batch = list(AuditEntry.objects.filter(pk__gt=last_pk).order_by("pk")[:chunk_size])
        if not batch:
            return
        for entry in batch:
            if entry.previous_hash != previous:
                yield ChainBreak(entry.pk, "link")
            if entry.scheme == LEGACY_SCHEME and keyed_seen:
                yield ChainBreak(entry.pk, "content")  # an unkeyed entry after keyed ones
            elif entry.scheme not in (LEGACY_SCHEME, KEYED_SCHEME) or not hmac.compare_digest(
                entry.compute_hash(), entry.hash
            ):
                yield ChainBreak(entry.pk, "content")
            keyed_seen = keyed_seen or entry.scheme == KEYED_SCHEME
            previous = entry.hash
            last_pk = entry.pk


def audit_head() -> tuple[int, str]:
    """The number of entries and the hash of the newest one."""
    head = AuditEntry.objects.order_by("-pk").values_list("pk", "hash").first()
    return (head[0], head[1]) if head else (0, GENESIS)


def audit_head_write(*, now) -> str:
    """Write the current head outside the database (settings.AUDIT_HEAD_SINK): removing
    the newest entries is then detected by comparing with the last written head."""
    pk, head = audit_head()
    line = f"{now.isoformat()} casusregie-audit-head id={pk} hash={head}"
    sink = settings.AUDIT_HEAD_SINK
    if sink.startswith("file:"):
        path = Path(sink.removeprefix("file:"))
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as handle:
            handle.write(line + "\n")
    else:
        head_logger.info(line)
    return line


def last_written_head() -> tuple[int, str] | None:
    """The last head written to a file sink, or None (syslog sinks are checked there)."""
    sink = settings.AUDIT_HEAD_SINK
    if not sink.startswith("file:"):
        return None
    path = Path(sink.removeprefix("file:"))
    if not path.exists():
        return None
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if "hash=" in line]
    if not lines:
        return None
    fields = dict(part.split("=", 1) for part in lines[-1].split() if "=" in part)
    return int(fields["id"]), fields["hash"]


def audit_deny(request, case=None):
    """Record a refused attempt and answer exactly like a page that does not exist."""
    audit_record(actor=request.user, action=Action.DENIED, case=case, path=request.path)
    raise Http404


# Who is told when the chain breaks. The notification service sits above the audit room,
# so it registers itself here (notifications.apps.NotificationsConfig.ready).
INCIDENT_LISTENERS: list = []


def register_incident_listener(listener) -> None:
    if listener not in INCIDENT_LISTENERS:
        INCIDENT_LISTENERS.append(listener)


def audit_chain_check(*, now) -> list[ChainBreak]:
    """The daily check (beat task audit.chain_check): walk the chain, compare with the head
    written outside the database last time, record an incident entry and tell the log
    managers when anything is wrong, then write the current head out."""
    breaks = list(audit_chain_breaks())
    written = last_written_head()
    if (
        written is not None
        and not AuditEntry.objects.filter(pk=written[0], hash=written[1]).exists()
    ):
        breaks.append(ChainBreak(written[0], "removed"))
    if breaks:
        first = breaks[0]
        entry = audit_record(
            actor=None,
            action=Action.INCIDENT,
            purpose=f"toegangslog: keten verbroken bij regel {first.entry_id} ({first.reason})",
            result=Result.FAILED,
        )
        for listener in INCIDENT_LISTENERS:
            listener(entry=entry, breaks=breaks)
    audit_head_write(now=now)
    return breaks
