# SPDX-License-Identifier: EUPL-1.2
"""Reads that already apply access rules. Every user-facing read starts here."""

import functools
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import Permission
from django.db.models import Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.roles import CASEWORK_ROLES
from casework import page, permissions, timeline
from casework.conditions import PAGE_MEMBERSHIPS
from casework.models import (
    Case,
    CaseGroupObjectPermission,
    CaseMembership,
    CaseNote,
    CaseUserObjectPermission,
    ClosureRequest,
    Confidentiality,
    CoordinationTransfer,
    Incident,
    Person,
    PhaseChange,
    TimelineEvent,
)
from casework.models.cases import ACTIVE_PHASES, PHASE_TRANSITIONS, TRACK_TRANSITIONS, Phase, Track
from casework.timeline import TimelineEntry
from config.ids import MAX_ID, IdIn, ids_text
from config.prepared import PreparedQuery


def _pk(value) -> int:
    """An id from a URL or form; anything that cannot be an id is "not found"."""
    pk = int(value)
    if not 0 < pk <= MAX_ID:
        raise ValueError(value)
    return pk


def case_qs_visible_to(user) -> QuerySet[Case]:
    """The cases this user may see: the role may view cases at all, and the user or their
    organisation holds view_case on the case (granted by taking part in it).

    Written as semi-joins, `pk IN (group grants) OR pk IN (user grants)`: both halves are
    read from the grant tables' (group|user, permission, case) unique indexes as hashed
    subplans, instead of two EXISTS per case over the whole table. Measured at 100,000
    cases this beat `pk IN (… UNION …)` for ZVH users, whose grants cover every case
    (case list 0.7 s against 4–6 s under load; docs/performance.md).

    In front of them, the cases coordinated by an organisation whose group the user is in:
    that group always holds view_case on them (`case_register` and the accepted transfer
    grant it, `membership_remove` refuses to remove the coordinating ZVH), so the answer is
    the same, but PostgreSQL decides those rows from the case row itself and builds the
    hash of the ZVH's 100,000 grants only if some case is left to test (issue 14;
    tests/access/test_visibility_forms.py holds the equivalence)."""
    if not may_view_cases(user):
        return Case.objects.none()
    return _visible_cases(user.pk)


def _visible_cases(user_id: int) -> QuerySet[Case]:
    via_group, via_user = _grants(user_id, "view_case")
    coordinating = Organisation.objects.filter(group_id__in=_group_ids(user_id)).values("pk")
    return Case.objects.filter(
        Q(coordinating_organisation_id__in=coordinating) | Q(pk__in=via_group) | Q(pk__in=via_user)
    )


def _group_ids(user_id: int) -> QuerySet:
    return User.groups.through.objects.filter(user_id=user_id).values("group_id")


def _permission_id(codename: str) -> Subquery:
    """The id of the case permission `codename`, as a scalar subquery: with it PostgreSQL
    reads the grants from the (group|user, permission, case) index instead of joining
    auth_permission by name to every grant of the group (issue 14). guardian grants only
    the permissions of the object's own content type, and (content type, codename) is
    unique, so this is the permission every grant row of that name carries."""
    return Subquery(
        Permission.objects.filter(
            content_type__app_label="casework", content_type__model="case", codename=codename
        ).values("pk")[:1]
    )


def _grants(user_id: int, codename: str) -> tuple[QuerySet, QuerySet]:
    via_group = CaseGroupObjectPermission.objects.filter(
        group_id__in=_group_ids(user_id), permission_id=_permission_id(codename)
    ).values("content_object_id")
    via_user = CaseUserObjectPermission.objects.filter(
        user_id=user_id, permission_id=_permission_id(codename)
    ).values("content_object_id")
    return via_group, via_user


def may_view_cases(user) -> bool:
    return user.is_authenticated and user.is_active and user.has_perm("casework.view_case")


def case_visible_q(user, *, case_field: str = "case_id") -> Q:
    """The same rule as case_qs_visible_to, as a condition on rows that point to a case
    (`case_field` names the foreign key, `<relation>_id`, or "pk" on the case table
    itself): the case's coordinating organisation from the (joined) case row, else two
    index probes per row. For one case or a few rows of another table (the open
    escalations), where probing beats gathering every case the user may see."""
    if not may_view_cases(user):
        return Q(pk__in=[])
    return _visible_q(user.pk, case_field)


def case_rows_visible(
    rows: QuerySet, user, *, case_field: str = "case_id", where: Q | None = None
) -> QuerySet:
    """`rows` of another table (a foreign key to the case, `case_field`) narrowed to those
    whose case this user may see: case_visible_q's rule, and `where` (a condition on the
    case, which may name the row's own columns with OuterRef), checked in one probe of
    each row's case by its key. A scalar subquery, so PostgreSQL cannot turn it into a
    join: with a few thousand rows (the open escalations, the parts of every conference) it
    hashed all 100,000 cases of a region for the join or the semi-join (36 ms for the
    navigation's escalation count on every page of a manager, 46 ms for the running
    huisverboden); one probe for the coordinator and another for the coordinating
    organisation still cost that count 36.7 ms where one probe for both costs 22.4 (issue
    14, Python included)."""
    if not may_view_cases(user):
        return rows.none()
    return case_rows_seen_by(rows, user.pk, case_field=case_field, where=where)


def case_rows_seen_by(
    rows: QuerySet, user_id: int, *, case_field: str = "case_id", where: Q | None = None
) -> QuerySet:
    """case_rows_visible's narrowing for a user id, for a query built from ids alone (a
    kept query, config.prepared): the caller has checked that the user may view cases."""
    case = Case.objects.filter(_visible_q(user_id, "pk"), pk=OuterRef(case_field))
    if where is not None:
        case = case.filter(where)
    probe = case.order_by().annotate(seen=Value(1, output_field=IntegerField())).values("seen")
    return rows.alias(visible_case=Subquery(probe[:1])).filter(visible_case__isnull=False)


def _visible_q(user_id: int, case_field: str) -> Q:
    if case_field in ("pk", "id"):  # rows of the case table itself
        coordinated = "coordinating_organisation_id__in"
    else:
        coordinated = f"{case_field.removesuffix('_id')}__coordinating_organisation_id__in"
    coordinating = Organisation.objects.filter(group_id__in=_group_ids(user_id)).values("pk")
    return Q(**{coordinated: coordinating}) | _granted_q(user_id, "view_case", case_field)


def case_granted_q(user, codename: str, *, case_field: str = "case_id") -> Q:
    """Whether the user holds the case permission `codename` on the row's case, directly or
    through their organisation's group: two index probes per row (the object half of
    guardian's check, for the few cases of a conference, say)."""
    return _granted_q(user.pk, codename, case_field)


def _granted_q(user_id: int, codename: str, case_field: str) -> Q:
    via_user = CaseUserObjectPermission.objects.filter(
        content_object=OuterRef(case_field), user_id=user_id, permission_id=_permission_id(codename)
    )
    via_group = CaseGroupObjectPermission.objects.filter(
        content_object=OuterRef(case_field),
        group_id__in=_group_ids(user_id),
        permission_id=_permission_id(codename),
    )
    return Q(Exists(via_user)) | Q(Exists(via_group))


def case_get_for(user, pk) -> Case:
    """One case the user may see, or 404 — exactly as if it did not exist. The case page
    reads its case with every section's annotation through case_page_get."""
    # One case: two index probes for its grants (case_visible_q) instead of gathering every
    # case the user may see, which is 100,000 for the ZVH's staff of a large region.
    try:
        case = (
            Case.objects.filter(case_visible_q(user, case_field="pk"))
            .select_related(*_PAGE_CASE_RELATED)
            .get(pk=int(pk))
        )
    except (Case.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    user.__dict__.setdefault(permissions.VISIBLE_CACHE, set()).add(case.pk)
    return case


_PAGE_CASE_RELATED = ("municipality", "coordinator__organisation", "registering_organisation")


def _page_case(*, user_id: int, case_id: int, now: datetime) -> QuerySet[Case]:
    return (
        Case.objects.filter(_visible_q(user_id, "pk"))
        .select_related(*_PAGE_CASE_RELATED)
        .annotate(**page.page_case_annotations(now))
        .filter(pk=case_id)
    )


# Built and compiled once per process: with the sections' annotations the case page's query
# cost ~25 ms of Python each time for under 1 ms in PostgreSQL (config.prepared, issue 14).
_PAGE_CASE = PreparedQuery(_page_case, user_id=int, case_id=int, now=datetime)


def _page_persons(*, case_id: int) -> QuerySet[Person]:
    return page.page_persons_queryset().filter(case_id=case_id)


def _page_closures(*, case_id: int) -> QuerySet[ClosureRequest]:
    return ClosureRequest.objects.select_related("requested_by").filter(case_id=case_id)


def _page_memberships(*, case_id: int) -> QuerySet[CaseMembership]:
    return (
        CaseMembership.objects.active()
        .select_related("organisation", "user", "purpose")
        .filter(case_id=case_id)
    )


# What the guards, the page and every section read through .all(), compiled once per
# process like the page's case (Django's prefetch built the three queries at each view).
_PAGE_PERSONS = PreparedQuery(_page_persons, case_id=int)
_PAGE_CLOSURES = PreparedQuery(_page_closures, case_id=int)
_PAGE_MEMBERSHIPS = PreparedQuery(_page_memberships, case_id=int)


def _as_prefetched(case: Case, name: str, rows: list) -> None:
    """Put rows of a reverse relation where Django's prefetch_related puts them, so
    `case.<name>.all()` returns them without a query; each row knows its case."""
    for row in rows:
        row._state.fields_cache["case"] = case
    related = getattr(case, name).all()
    related._result_cache = rows
    related._prefetch_done = True
    case.__dict__.setdefault("_prefetched_objects_cache", {})[name] = related


def case_page_load(case: Case) -> None:
    """The persons, closure requests and active memberships of the case page, read once
    for the whole page (the memberships as PAGE_MEMBERSHIPS)."""
    _as_prefetched(case, "persons", _PAGE_PERSONS(case_id=case.pk))
    _as_prefetched(case, "closure_requests", _PAGE_CLOSURES(case_id=case.pk))
    memberships = _PAGE_MEMBERSHIPS(case_id=case.pk)
    for membership in memberships:
        membership._state.fields_cache["case"] = case
    setattr(case, PAGE_MEMBERSHIPS, memberships)


def case_page_get(user, pk, *, now: datetime) -> Case:
    """The case of the case page with every section's annotation (casework.page), or 404
    exactly as case_get_for: the same rule, the same query, compiled once per process."""
    try:
        case_id = _pk(pk)
    except (ValueError, TypeError):
        raise Http404 from None
    if not may_view_cases(user):
        raise Http404
    found = _PAGE_CASE(user_id=user.pk, case_id=case_id, now=now)
    if not found:
        raise Http404
    case = found[0]
    user.__dict__.setdefault(permissions.VISIBLE_CACHE, set()).add(case.pk)
    return case


def case_is_visible(user, case: Case) -> bool:
    """Whether the user sees this case: the sections of a page ask again for the case the
    page already found (case_get_for), so the answer is kept on the user object for the
    request (casework.permissions.forget_case_perms drops it when access changes)."""
    seen = user.__dict__.get(permissions.VISIBLE_CACHE, set())
    if case.pk in seen:
        return True
    visible = Case.objects.filter(case_visible_q(user, case_field="pk"), pk=case.pk).exists()
    if visible:
        user.__dict__.setdefault(permissions.VISIBLE_CACHE, set()).add(case.pk)
    return visible


def case_list(
    *,
    user,
    phase: str = "",
    track: str = "",
    municipality_id: int | None = None,
    mine: bool = False,
    order: str = "-registered_at",
) -> QuerySet[Case]:
    if not may_view_cases(user):
        return Case.objects.none()
    return _case_list(
        user_id=user.pk,
        phase=phase,
        track=track,
        municipality_id=municipality_id,
        mine=mine,
        order=order,
    )


def _case_list(
    *,
    user_id: int,
    phase: str,
    track: str,
    municipality_id: int | None,
    mine: bool,
    order: str,
    case_ids: str | None = None,
) -> QuerySet[Case]:
    """`case_ids`: the reader's visible cases when _few_case_ids read them (the same set),
    found by key. The rule is not applied again on top: PostgreSQL then walked the list's
    order once more. A grant revoked in the moment between the two reads is shown once, as
    by a list read the moment before."""
    visible = (
        _visible_cases(user_id) if case_ids is None else Case.objects.filter(IdIn("pk", case_ids))
    )
    qs = visible.select_related("municipality", "coordinator")
    if phase:
        qs = qs.filter(phase=phase)
    if track:
        qs = qs.filter(track=track)
    if municipality_id:
        qs = qs.filter(municipality_id=municipality_id)
    if mine:
        named = CaseMembership.objects.active().filter(case=OuterRef("pk"), user_id=user_id)
        qs = qs.filter(Q(coordinator_id=user_id) | Q(Exists(named)))
    return qs.order_by(order, "-pk")


# The membership id of the reader's organisation on each row of the case list.
LIST_SHARING = "sharing_of_reader"

# The first pages of each filter of the case list are read with a query compiled once per
# process (config.prepared): building and compiling it cost more than PostgreSQL's answer.
# Later pages, rarer, are built each time; at most this many forms are kept.
KEPT_LIST_PAGES = 5
_KEPT_LIST_FORMS = 64


# A reader outside a ZVH in at most this many cases gets the case list from their grants:
# PostgreSQL probes those cases by key (~0.2 ms + 4 µs a case) instead of walking the list's
# order until enough of theirs came by — at 100,000 cases a team in 3 cases walked all of
# them (23.7 ms), the perf partner in 200 walked 12,700 (4.1 ms). A ZVH coordinates most of
# its cases, so its walk stops early and its grants are not read (issue 14).
FEW_CASES = 500


def _granted_ids(*, user_id: int) -> QuerySet:
    via_group, via_user = _grants(user_id, "view_case")
    # UNION ALL stops reading at the limit (a case granted twice counts twice: then the list
    # may walk where it need not, never miss a case)
    return via_group.union(via_user, all=True)[: FEW_CASES + 1]


_GRANTED_IDS = PreparedQuery(_granted_ids, user_id=int)


def _few_case_ids(user) -> str | None:
    """The ids of the cases the user may see (case_qs_visible_to's set: the cases their
    organisation coordinates are among their group's grants), when they are few."""
    organisation = user.organisation
    if organisation is None or organisation.kind == OrganisationKind.ZVH:
        return None
    granted = _GRANTED_IDS(user_id=user.pk)
    if len(granted) > FEW_CASES:
        return None
    return ids_text(row["content_object_id"] for row in granted)


def case_list_rows(
    *,
    user,
    offset: int,
    limit: int,
    phase: str = "",
    track: str = "",
    municipality_id: int | None = None,
    mine: bool = False,
    order: str = "-registered_at",
) -> list[Case]:
    """Rows offset .. offset + limit of case_list() with the same arguments."""
    if not may_view_cases(user):
        return []
    case_ids = _few_case_ids(user)
    if offset >= KEPT_LIST_PAGES * limit:
        rows = _case_list(
            user_id=user.pk,
            phase=phase,
            track=track,
            municipality_id=municipality_id,
            mine=mine,
            order=order,
            case_ids=case_ids,
        )
        return list(_with_sharing(rows, user.organisation_id)[offset : offset + limit])
    values = {
        "user_id": user.pk,
        "phase": phase,
        "track": track,
        "municipality_id": municipality_id,
        "organisation_id": user.organisation_id,
    }
    values = {name: value for name, value in values.items() if value}
    if case_ids is not None:
        values["case_ids"] = case_ids  # "" too: no grants, no rows
    return _kept_list(tuple(sorted(values)), mine, order, offset, limit)(**values)


def _with_sharing(rows: QuerySet[Case], organisation_id: int | None) -> QuerySet[Case]:
    """Each row with the membership under which the reader's organisation sees it
    (LIST_SHARING): the access-log entries of the list link it without another query."""
    if not organisation_id:
        return rows
    sharing = CaseMembership.objects.filter(
        case=OuterRef("pk"),
        organisation_id=organisation_id,
        user__isnull=True,
        removed_at__isnull=True,
    ).values("pk")[:1]
    return rows.annotate(**{LIST_SHARING: Subquery(sharing)})


@functools.lru_cache(maxsize=_KEPT_LIST_FORMS)
def _kept_list(names: tuple, mine: bool, order: str, offset: int, limit: int) -> PreparedQuery:
    kinds = {
        "user_id": int,
        "phase": str,
        "track": str,
        "municipality_id": int,
        "organisation_id": int,
        "case_ids": str,
    }

    def build(**values) -> QuerySet[Case]:
        rows = _case_list(
            user_id=values["user_id"],
            phase=values.get("phase", ""),
            track=values.get("track", ""),
            municipality_id=values.get("municipality_id"),
            mine=mine,
            order=order,
            case_ids=values.get("case_ids"),
        )
        return _with_sharing(rows, values.get("organisation_id"))[offset : offset + limit]

    return PreparedQuery(build, **{name: kinds[name] for name in names})


def active_memberships(case: Case) -> QuerySet[CaseMembership]:
    return (
        CaseMembership.objects.filter(case=case)
        .active()
        .select_related("organisation", "user", "purpose")
    )


def case_team_ids(case: Case, *, active_users_only: bool = True) -> set[int]:
    """The people of the case team: the coordinator and the professionals named on it."""
    return CaseMembership.objects.case_team_ids(case, active_users_only=active_users_only)


def casework_timeline(case: Case) -> list[TimelineEntry]:
    """Casework's own events for the timeline (a source, casework.timeline): registration,
    phase and track changes, persons added, partners added and removed, incidents (with
    their level) and closing. Five queries."""
    labels = {**dict(Phase.choices), **dict(Track.choices)}
    entries = [
        TimelineEntry(
            case.registered_at,
            "registration",
            gettext_noop("Casus aangemeld door %(org)s"),
            actor=str(case.registered_by),
            params={"org": str(case.registering_organisation)},
        )
    ]
    for change in PhaseChange.objects.filter(case=case).select_related("actor"):
        entries.append(
            TimelineEntry(
                change.at,
                "transition",
                gettext_noop("%(from)s → %(to)s"),
                change.reason,
                str(change.actor),
                params={
                    "from": str(labels.get(change.from_state, change.from_state)),
                    "to": str(labels.get(change.to_state, change.to_state)),
                },
            )
        )
    for person in Person.objects.filter(case=case):
        entries.append(
            TimelineEntry(
                person.created_at,
                "person",
                gettext_noop("Persoon toegevoegd: %(name)s (%(roles)s)"),
                params={
                    "name": str(person),
                    "roles": ", ".join(str(label) for label in person.role_labels),
                },
            )
        )
    for incident in Incident.objects.filter(case=case).select_related(
        "reported_by_organisation", "recorded_by"
    ):
        entries.append(
            TimelineEntry(
                incident.occurred_at,
                "incident",
                gettext_noop("Incident gemeld door %(org)s"),
                incident.description,
                str(incident.recorded_by),
                params={"org": str(incident.reported_by_organisation)},
                confidentiality=incident.confidentiality,
                sector=incident.sector,
                organisation_id=incident.reported_by_organisation_id,
            )
        )
    for membership in CaseMembership.objects.filter(case=case).select_related(
        "organisation", "user", "added_by", "removed_by"
    ):
        who = str(membership.user) if membership.user_id else str(membership.organisation)
        entries.append(
            TimelineEntry(
                membership.added_at,
                "membership",
                gettext_noop("%(who)s neemt deel"),
                membership.reason,
                str(membership.added_by),
                params={"who": who},
            )
        )
        if membership.removed_at:
            entries.append(
                TimelineEntry(
                    membership.removed_at,
                    "membership",
                    gettext_noop("%(who)s neemt niet meer deel"),
                    "",
                    str(membership.removed_by),
                    params={"who": who},
                )
            )
    for request in ClosureRequest.objects.filter(case=case).select_related(
        "requested_by", "decided_by"
    ):
        entries.append(
            TimelineEntry(
                request.requested_at,
                "closure",
                gettext_noop("Afsluiten aangevraagd (%(reason)s)"),
                request.summary,
                str(request.requested_by),
                params={"reason": str(request.get_reason_display())},
            )
        )
        if request.decided_at:
            open_items = request.acknowledged_open_items
            detail = request.decision_reason + (
                "\n" + _("Bewust afgesloten met open punten:") + "\n" + open_items
                if open_items
                else ""
            )
            entries.append(
                TimelineEntry(
                    request.decided_at,
                    "closure",
                    gettext_noop("Verzoek tot afsluiten: %(status)s"),
                    detail,
                    str(request.decided_by),
                    params={"status": str(request.get_status_display())},
                )
            )
    return entries


TIMELINE_ON_CASE_PAGE = 15


def _timeline_qs(case: Case, *, user, kind: str) -> QuerySet[TimelineEvent]:
    qs = TimelineEvent.objects.filter(case=case)
    if user is not None:
        qs = qs.filter(confidentiality_q(user, organisation_field="organisation_id"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-at", "-pk")


def timeline_events(case: Case, *, user=None, kind: str = "") -> QuerySet[TimelineEvent]:
    """The case's timeline newest first, as far as `user` may read it (everything with
    None), optionally of one kind (casework.timeline rebuilds the rows first when a change
    made them stale). The case is one the user may see."""
    timeline.timeline_ensure_current(case)
    return _timeline_qs(case, user=user, kind=kind)


def timeline_slice(case: Case, *, user=None, kind: str = "", start: int = 0, stop: int) -> list:
    """Rows start..stop of the timeline in one indexed query when they are current: the
    query only returns rows while the case's TimelineState says they are built at its
    latest change. No rows means stale (or nothing to show): then check, rebuild, read."""
    current = Q(case__timeline_state__built_seq__gte=F("case__timeline_state__seq"))
    rows = list(_timeline_qs(case, user=user, kind=kind).filter(current)[start:stop])
    if rows:
        return rows
    return list(timeline_events(case, user=user, kind=kind)[start:stop])


def _page_timeline_rows(case: Case, user) -> list:
    """The case page's first timeline rows: timeline_slice's rule (rows only while they
    are current, else rebuild and read) with the first read kept."""
    rows = confidential_rows("page timeline", _page_timeline, case, user)
    if rows:
        return rows
    return list(timeline_events(case, user=user)[:TIMELINE_ON_CASE_PAGE])


def case_timeline(case: Case, *, user=None) -> list[TimelineEvent]:
    """The whole timeline as a list (the PDF summary, tests)."""
    return list(timeline_events(case, user=user))


# --- Confidentiality within a case (issue 5) --------------------------------------------
def incident_visibility_q(user) -> Q:
    """Which incidents of a visible case this user may read (see
    permissions.can_view_incident, which says the same for one incident)."""
    return confidentiality_q(user, organisation_field="reported_by_organisation_id")


def confidentiality_q(user, *, organisation_field: str) -> Q:
    """Which rows with a confidentiality level (incidents, notes, documents) of a visible
    case this user may read; `organisation_field` names the recording organisation."""
    coordinator, values = _confidentiality_of(user)
    return _confidential_q(coordinator, organisation_field=organisation_field, **values)


def _confidentiality_of(user) -> tuple[bool, dict]:
    """What confidentiality_q depends on: whether the user coordinates, and the values that
    go into the rule (their organisation's id; its sector, for a non-coordinator)."""
    organisation = getattr(user, "organisation", None)
    coordinator = user.role == Role.COORDINATOR
    values = {}
    if organisation is not None:
        values["organisation_id"] = organisation.pk
        if not coordinator:
            values["sector"] = str(organisation.sector)
    return coordinator, values


def _confidential_q(
    coordinator: bool, *, organisation_field: str, organisation_id=None, sector=None
) -> Q:
    visible = Q(confidentiality=Confidentiality.TEAM)
    if coordinator:
        visible |= Q(confidentiality=Confidentiality.SECTOR)
    elif sector is not None:
        visible |= Q(confidentiality=Confidentiality.SECTOR, sector=sector)
    if organisation_id is not None:
        visible |= Q(confidentiality=Confidentiality.ORGANISATION) & Q(
            **{organisation_field: organisation_id}
        )
    return visible


# The case page's confidential reads, each compiled once per process for each shape of the
# rule (coordinator or not, with or without an organisation): the case's id and the
# reader's organisation and sector go in as parameters (config.prepared, issue 14).
_KEPT_CONFIDENTIAL: dict[tuple, PreparedQuery] = {}


def confidential_rows(name: str, build, case: Case, user) -> list:
    """The rows `build(case_id=…, visible=Q)` gives for this case and reader, through a
    query kept per shape; `name` tells the reads apart."""
    coordinator, values = _confidentiality_of(user)
    key = (name, coordinator, tuple(sorted(values)))
    prepared = _KEPT_CONFIDENTIAL.get(key)
    if prepared is None:
        field = build.organisation_field

        def built(*, case_id, **given):
            visible = _confidential_q(coordinator, organisation_field=field, **given)
            return build(case_id=case_id, visible=visible)

        kinds = {"case_id": int, **{n: type(v) for n, v in values.items()}}
        prepared = _KEPT_CONFIDENTIAL[key] = PreparedQuery(built, **kinds)
    return prepared(case_id=case.pk, **values)


def _page_incidents(*, case_id: int, visible: Q) -> QuerySet[Incident]:
    return (
        Incident.objects.filter(case_id=case_id)
        .filter(visible)
        .select_related("reported_by_organisation")
        .order_by("-occurred_at", "-pk")[:INCIDENTS_ON_PAGE]
    )


_page_incidents.organisation_field = "reported_by_organisation_id"


def _page_timeline(*, case_id: int, visible: Q) -> QuerySet[TimelineEvent]:
    current = Q(case__timeline_state__built_seq__gte=F("case__timeline_state__seq"))
    return (
        TimelineEvent.objects.filter(case_id=case_id)
        .filter(visible)
        .filter(current)
        .order_by("-at", "-pk")[:TIMELINE_ON_CASE_PAGE]
    )


_page_timeline.organisation_field = "organisation_id"


def incidents_visible_to(user, case: Case) -> QuerySet[Incident]:
    """The incidents of a case this user may read; none when the case is not visible."""
    if not case_is_visible(user, case):
        return Incident.objects.none()
    return Incident.objects.filter(case=case).filter(incident_visibility_q(user))


def persons_visible_to(user, case: Case, *, may_see_address: bool | None = None) -> list:
    """The persons of a visible case, with the shelter address blanked for everyone but the
    shelter organisation and the coordinator — so no page, export or message built from
    these objects can show it. The objects are not for saving. Pass `may_see_address`
    when the caller already evaluated permissions.can_view_confidential_address."""
    persons = list(case.persons.all())
    if may_see_address is None:
        may_see_address = permissions.can_view_confidential_address(user, case)
    if not may_see_address:
        for person in persons:
            person.confidential_address = ""
    return persons


def person_get_for(user, case: Case, pk):
    """One person of this (already visible) case, address masked as above, or 404 — a
    person of another case looks exactly like nothing at all."""
    try:
        person = case.persons.get(pk=_pk(pk))
    except (ValueError, TypeError, OverflowError, Person.DoesNotExist):
        raise Http404 from None
    if not permissions.can_view_confidential_address(user, case):
        person.confidential_address = ""
    return person


def confidential_address_for(user, person) -> str:
    """The shelter address for someone who may see it, else empty (notifications, PDF)."""
    if permissions.can_view_confidential_address(user, person.case):
        return person.confidential_address
    return ""


def persons_qs_visible_to(user) -> QuerySet:
    """Every person the user may see anywhere: the persons of their visible cases (shelter
    addresses still go through persons_visible_to / person_get_for)."""
    return Person.objects.filter(case__in=case_qs_visible_to(user))


# --- The case page ------------------------------------------------------------------------
@dataclass
class CasePage:
    """Everything the case page shows and offers, decided here (the template decides
    nothing). `persons` and `incidents` are what the access-log entry names."""

    case: Case
    persons: list
    organisations: list
    professionals: list
    incidents: list
    timeline: list
    phase_options: list
    track_options: list
    pending_closure: ClosureRequest | None
    can_manage: bool
    can_record_incident: bool
    can_request_closure: bool
    can_decide_closure: bool
    show_confidential: bool
    sections: list = field(default_factory=list)


INCIDENTS_ON_PAGE = 20


def case_page(*, case: Case, user, now: datetime, options: list) -> CasePage:
    """The case page of a case the user may see (case_get_for), in a fixed number of
    queries. `options` are the transition options (casework.services.phases)."""
    show_confidential = permissions.can_view_confidential_address(user, case)
    persons = persons_visible_to(user, case, may_see_address=show_confidential)
    memberships = getattr(case, PAGE_MEMBERSHIPS, None)
    if memberships is None:
        memberships = list(active_memberships(case))
    pending_closure = next(
        (r for r in case.closure_requests.all() if r.status == ClosureRequest.Status.PENDING),
        None,
    )
    can_manage = permissions.can_manage_case(user, case)
    incidents = confidential_rows("page incidents", _page_incidents, case, user)
    sections = []
    for section in page.SECTIONS:
        data = section.build(case, user, now)
        if data is not None:
            sections.append({"name": section.name, "template": section.template, "data": data})
    return CasePage(
        case=case,
        persons=persons,
        organisations=[m for m in memberships if m.user_id is None],
        professionals=[m for m in memberships if m.user_id is not None],
        incidents=incidents,
        timeline=_page_timeline_rows(case, user),
        phase_options=[o for o in options if o.name in PHASE_TRANSITIONS],
        track_options=[o for o in options if o.name in TRACK_TRANSITIONS],
        pending_closure=pending_closure,
        can_manage=can_manage,
        can_record_incident=not case.is_closed and permissions.can_record_incident(user, case),
        can_request_closure=can_manage and pending_closure is None and case.phase in ACTIVE_PHASES,
        can_decide_closure=pending_closure is not None
        and permissions.can_decide_closure(user, case)
        and pending_closure.requested_by_id != user.pk,
        show_confidential=show_confidential,
        sections=sections,
    )


def owner_errors(
    case: Case,
    organisation,
    user,
    *,
    missing: str,
    organisation_field: str = "owner_organisation",
    user_field: str = "owner_user",
) -> dict[str, str]:
    """The one owner check of agreements, actions and reassigned deadlines: the owner
    organisation takes part in the case, and the owner person (if any) works there.
    Returns the form errors, keyed by field; empty when the owner is fine."""
    if organisation is None:
        return {organisation_field: missing}
    taking_part = (
        CaseMembership.objects.filter(case=case, organisation=organisation)
        .active()
        .organisations()
        .exists()
    )
    if not taking_part:
        return {organisation_field: _("Deze organisatie neemt niet deel aan de casus.")}
    if user is not None and user.organisation_id != organisation.pk:
        return {user_field: _("Deze persoon werkt niet bij de gekozen organisatie.")}
    if user is not None and (user.role not in CASEWORK_ROLES or not user.is_active):
        return {user_field: _("Deze persoon werkt niet aan casussen.")}
    return {}


def membership_get_for(case: Case, pk) -> CaseMembership:
    """One active membership of this (already visible) case, or 404."""
    try:
        return (
            CaseMembership.objects.filter(case=case)
            .active()
            .select_related("organisation", "user")
            .get(pk=_pk(pk))
        )
    except (CaseMembership.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def coordination_transfers_for(user):
    """The handovers of coordination waiting for this coordinator's answer. The receiving
    coordinator may not see the case yet: they see the reference, who asks and why."""
    return (
        CoordinationTransfer.objects.filter(
            to_coordinator=user, status=CoordinationTransfer.Status.PENDING
        )
        .select_related("case", "from_organisation", "requested_by")
        .order_by("requested_at", "pk")
    )


def case_ids_with_reference(reference: str) -> list[int]:
    """The access log's search by reference (audit.selectors): references are written in
    capitals ("ZVH-2026-0042"), read through their unique index as typed or capitalised."""
    typed = reference.strip()
    return list(
        Case.objects.filter(reference__in={typed, typed.upper()}).values_list("pk", flat=True)
    )


def sharing_ids_for(actor, case_ids: set[int], *, cases: dict | None = None) -> dict[int, int]:
    """The active membership row of the actor's organisation on each case: the purpose and
    legal basis under which it reads (linked from every access-log entry, WGS). A case
    whose page loaded its active memberships (PAGE_MEMBERSHIPS), or a row of the case list
    (LIST_SHARING, read with the row), costs no query."""
    organisation_id = getattr(actor, "organisation_id", None)
    if organisation_id is None:
        return {}
    cases = cases or {}
    listed = {pk: getattr(cases.get(pk), LIST_SHARING, False) for pk in case_ids}
    if case_ids and all(sharing is not False for sharing in listed.values()):
        return {pk: sharing for pk, sharing in listed.items() if sharing is not None}
    loaded = [getattr(cases.get(pk), PAGE_MEMBERSHIPS, None) for pk in case_ids]
    if case_ids and all(memberships is not None for memberships in loaded):
        return {
            m.case_id: m.pk
            for memberships in loaded
            for m in memberships
            if m.organisation_id == organisation_id and m.user_id is None
        }
    return dict(
        CaseMembership.objects.filter(
            case_id__in=case_ids,
            organisation_id=organisation_id,
            user__isnull=True,
            removed_at__isnull=True,
        ).values_list("case_id", "pk")
    )


# --- The journal (issue 16) ---------------------------------------------------------------
def notes_visible_to(user, case: Case) -> QuerySet:
    """The notes of a visible case this user may read (same levels as incidents)."""
    if not case_is_visible(user, case):
        return CaseNote.objects.none()
    return CaseNote.objects.filter(case=case).filter(
        confidentiality_q(user, organisation_field="organisation_id")
    )
