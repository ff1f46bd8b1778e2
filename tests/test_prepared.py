# SPDX-License-Identifier: EUPL-1.2
"""config.prepared: a query built and compiled once per process gives exactly what building
it each time gives, keeps no answers, and is not kept when a value reaches the SQL in any
other way than as a parameter (issue 14)."""

from datetime import datetime, timedelta

import pytest
from django.db.models import Count, Exists, OuterRef, Q
from django.test import override_settings
from django.utils import timezone

from casework.models import Case, PhaseChange
from casework.page import page_case_annotations
from casework.selectors import _PAGE_CASE, _page_case, case_page_get
from config.prepared import PreparedQuery
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person

pytestmark = pytest.mark.django_db


def _cases(*, user_id: int, now: datetime):
    return (
        Case.objects.filter(coordinator_id=user_id)
        .annotate(
            changed=Exists(PhaseChange.objects.filter(case=OuterRef("pk"), at__lte=now)),
            persons_count=Count("persons"),
        )
        .select_related("municipality", "coordinator")
        .order_by("pk")
    )


def _same(kept: list, built: list) -> None:
    assert [c.pk for c in kept] == [c.pk for c in built]
    for one, other in zip(kept, built, strict=True):
        assert (one.changed, one.persons_count) == (other.changed, other.persons_count)
        assert one.municipality.name == other.municipality.name  # select_related kept
        assert one.coordinator.username == other.coordinator.username


def test_a_kept_query_gives_what_the_built_one_gives_for_every_value(django_assert_num_queries):
    first, second = CaseFactory(), CaseFactory()
    add_person(first)
    builds = []

    def build(**values):
        builds.append(values)
        return _cases(**values)

    prepared = PreparedQuery(build, user_id=int, now=datetime)
    now = timezone.now()
    for case in (first, second):
        with django_assert_num_queries(1):
            kept = prepared(user_id=case.coordinator_id, now=now)
        _same(kept, list(_cases(user_id=case.coordinator_id, now=now)))
        assert [c.pk for c in kept] == [case.pk]
    before = now - timedelta(days=400)  # before any phase change: the moment is a parameter
    assert [c.changed for c in prepared(user_id=first.coordinator_id, now=before)] == [False]
    assert prepared.is_kept()
    assert len(builds) == 2  # built twice to prepare (two sets of stand-ins), never again


def test_a_kept_query_keeps_no_answers():
    case = CaseFactory()
    prepared = PreparedQuery(_cases, user_id=int, now=datetime)
    assert [c.pk for c in prepared(user_id=case.coordinator_id, now=timezone.now())] == [case.pk]
    Case.objects.filter(pk=case.pk).update(coordinator=UserFactory(coordinator=True))
    assert prepared(user_id=case.coordinator_id, now=timezone.now()) == []


def test_a_value_that_picks_a_branch_or_is_shifted_in_python_is_not_kept():
    case = CaseFactory()
    now = timezone.now()

    def branching(*, user_id: int, now: datetime):
        qs = _cases(user_id=user_id, now=now)
        return qs.filter(Q(pk__gt=0)) if user_id % 2 else qs

    def shifted(*, user_id: int, now: datetime):
        return _cases(user_id=user_id, now=now - timedelta(days=1))

    def unused(*, user_id: int, now: datetime):
        return _cases(user_id=case.coordinator_id, now=now)

    for build in (branching, shifted, unused):
        prepared = PreparedQuery(build, user_id=int, now=datetime)
        assert not prepared.is_kept(), build.__name__
        # ...and it still answers, by building the queryset each time.
        expected = [c.pk for c in build(user_id=case.coordinator_id, now=now)]
        assert [c.pk for c in prepared(user_id=case.coordinator_id, now=now)] == expected


@pytest.mark.parametrize("user_id", [2**63, "7", 7.0, None])
def test_a_value_of_another_kind_or_beyond_the_integer_range_is_refused(user_id):
    prepared = PreparedQuery(_cases, user_id=int, now=datetime)
    with pytest.raises(ValueError):
        prepared(user_id=user_id, now=timezone.now())


def test_a_changed_setting_drops_the_kept_sql():
    prepared = PreparedQuery(_cases, user_id=int, now=datetime)
    assert prepared.is_kept()
    with override_settings(CASUSREGIE_TARGETS={}):
        assert prepared._kept == {}


def test_the_case_page_reads_its_case_with_the_kept_query():
    """If the case page's query could not be kept, the page would silently build it each
    time again (15 ms of Python at 100,000 cases): this fails first."""
    case = CaseFactory()
    add_person(case)
    assert _PAGE_CASE.is_kept()
    now = timezone.now()
    kept = case_page_get(case.coordinator, case.pk, now=now)
    built = _page_case(user_id=case.coordinator.pk, case_id=case.pk, now=now).get()
    names = page_case_annotations(now)
    assert {n: getattr(kept, n) for n in names} == {n: getattr(built, n) for n in names}
    assert kept.coordinator.organisation == built.coordinator.organisation
    assert kept.municipality == built.municipality


def test_the_case_page_reads_persons_closures_and_memberships_with_kept_queries(
    django_assert_num_queries,
):
    """The three reads every section shares: kept (else each view builds them again), and
    the same rows, in the same order, with the same annotations as Django's prefetch."""
    from django.db.models import Prefetch, prefetch_related_objects

    from accounts.models import User
    from casework.conditions import PAGE_MEMBERSHIPS
    from casework.models import CaseMembership, ClosureRequest
    from casework.models.cases import ClosureReason
    from casework.page import PERSON_ANNOTATIONS, page_persons_queryset
    from casework.selectors import (
        _PAGE_CLOSURES,
        _PAGE_MEMBERSHIPS,
        _PAGE_PERSONS,
        case_page_load,
    )
    from tests.access.helpers import case_with_team

    team = case_with_team()
    for n in range(3):
        add_person(team.case, first_name=f"Kind{n}", roles=("child",))
    ClosureRequest.objects.create(
        case=team.case,
        requested_by=team.case.coordinator,
        reason=ClosureReason.values[0],
        summary="Samenvatting",
    )
    assert _PAGE_PERSONS.is_kept() and _PAGE_CLOSURES.is_kept() and _PAGE_MEMBERSHIPS.is_kept()
    loaded = Case.objects.get(pk=team.case.pk)
    with django_assert_num_queries(3):
        case_page_load(loaded)
    expected = Case.objects.get(pk=team.case.pk)
    prefetch_related_objects(
        [expected],
        Prefetch("persons", page_persons_queryset()),
        Prefetch("closure_requests", ClosureRequest.objects.select_related("requested_by")),
        Prefetch(
            "memberships",
            CaseMembership.objects.active().select_related("organisation", "user", "purpose"),
            to_attr="expected_memberships",
        ),
    )
    with django_assert_num_queries(0):
        persons = list(loaded.persons.all())
        assert [p.pk for p in persons] == [p.pk for p in expected.persons.all()]
        for name in PERSON_ANNOTATIONS:
            assert [getattr(p, name) for p in persons] == [
                getattr(p, name) for p in expected.persons.all()
            ]
        assert all(p.case is loaded for p in persons)
        closures = list(loaded.closure_requests.all())
        assert [(c.pk, c.requested_by.username) for c in closures] == [
            (c.pk, c.requested_by.username) for c in expected.closure_requests.all()
        ]
        memberships = getattr(loaded, PAGE_MEMBERSHIPS)
        assert [(m.pk, str(m.organisation), m.user_id) for m in memberships] == [
            (m.pk, str(m.organisation), m.user_id) for m in expected.expected_memberships
        ]
    assert len(memberships) >= 2 and isinstance(memberships[0].organisation.pk, int)
    assert User.objects.filter(pk__in=[m.user_id for m in memberships if m.user_id]).exists()


@pytest.mark.parametrize("pk", ["0", "-1", str(2**63), "abc", None])
def test_the_case_page_query_says_not_found_for_anything_that_is_no_id(pk):
    from django.http import Http404

    case = CaseFactory()
    with pytest.raises(Http404):
        case_page_get(case.coordinator, pk, now=timezone.now())


def test_the_case_page_query_says_not_found_to_a_stranger():
    from django.http import Http404

    case = CaseFactory()
    with pytest.raises(Http404):
        case_page_get(UserFactory(coordinator=True), case.pk, now=timezone.now())


def _listing_region():
    """Cases of two coordinators, in two municipalities, phases and tracks."""
    from casework.models import Municipality, Track

    mine, other = CaseFactory(), CaseFactory(track=Track.MDA)
    CaseFactory(
        coordinator=mine.coordinator,
        municipality=Municipality.objects.exclude(name="Enschede").first(),
    )
    for _n in range(4):
        CaseFactory(coordinator=mine.coordinator)
    return mine.coordinator, other.coordinator


@pytest.mark.parametrize("order", ["-registered_at", "registered_at", "reference", "phase"])
def test_the_case_list_rows_are_the_case_lists_for_every_filter_page_and_user(order):
    from itertools import product

    from casework.models import Municipality, Phase, Track
    from casework.selectors import KEPT_LIST_PAGES, case_list, case_list_rows

    users = _listing_region()
    municipality = Municipality.objects.exclude(name="Enschede").first().pk
    for user, phase, track, municipality_id, mine, offset in product(
        users,
        ["", Phase.REGISTERED, Phase.CLOSED],
        ["", Track.MDA],
        [None, municipality],
        [False, True],
        [0, 2, KEPT_LIST_PAGES * 2 + 1],  # the last one past the kept pages
    ):
        filters = dict(
            phase=phase, track=track, municipality_id=municipality_id, mine=mine, order=order
        )
        expected = [c.pk for c in case_list(user=user, **filters)[offset : offset + 2]]
        rows = case_list_rows(user=user, offset=offset, limit=2, **filters)
        assert [c.pk for c in rows] == expected, (user, filters, offset)
        assert all(c.municipality.name and c.coordinator for c in rows)


def test_the_first_case_list_pages_are_read_with_a_kept_query():
    from casework.selectors import _kept_list

    coordinator, _other = _listing_region()
    assert _kept_list(("user_id",), False, "-registered_at", 0, 26).is_kept()
    assert _kept_list(
        ("municipality_id", "phase", "track", "user_id"), True, "reference", 25, 26
    ).is_kept()


def test_the_case_list_rows_are_empty_for_a_user_who_may_not_see_cases():
    from casework.selectors import case_list_rows

    coordinator, _other = _listing_region()
    coordinator.is_active = False
    assert case_list_rows(user=coordinator, offset=0, limit=10) == []


def test_the_case_pages_permissions_plan_and_informing_are_read_with_kept_queries():
    """The reads every view of a case page does besides its case (issue 14): each kept
    (else each view builds it again), and each gives what Django's own query gives."""

    from casework.permissions import _CASE_PERMS, _case_perms_query
    from privacy.sections import _INFORMING, _informing
    from privacy.services import informing_record
    from safetyplan.selectors import (
        _ACKNOWLEDGEMENTS,
        _LATEST_VERSIONS,
        _acknowledgements,
        _latest_versions,
        latest_versions,
        versions_of,
    )
    from safetyplan.services import plan_acknowledge
    from tests.safetyplan.helpers import PlanWorld

    world = PlanWorld()
    adopted = world.adopted(n_items=1)
    plan_acknowledge(actor=world.agent, version=adopted)
    draft = world.draft()
    person = world.case.persons.get()
    informing_record(
        actor=world.coordinator, person=person, informed_on=timezone.localdate(), method="letter"
    )
    for prepared in (_CASE_PERMS, _LATEST_VERSIONS, _ACKNOWLEDGEMENTS, _INFORMING):
        assert prepared.is_kept(), prepared.build.__name__
    for user in (world.coordinator, world.agent, world.vt_worker, UserFactory(partner=True)):
        kept = _CASE_PERMS(user_id=user.pk, case_id=world.case.pk)
        assert sorted(kept) == sorted(_case_perms_query(user_id=user.pk, case_id=world.case.pk))
    assert "manage_case" in _CASE_PERMS(user_id=world.coordinator.pk, case_id=world.case.pk)
    assert [v.pk for v in latest_versions(world.case)] == [draft.pk, adopted.pk]
    assert [v.pk for v in latest_versions(world.case)] == [
        v.pk for v in versions_of(world.case)[:2]
    ]
    assert latest_versions(world.case)[1].adopted_by.username == world.coordinator.username
    assert [v.pk for v in _latest_versions(case_id=world.case.pk)] == [draft.pk, adopted.pk]
    acks = _ACKNOWLEDGEMENTS(version_id=adopted.pk)
    assert [(a.pk, a.acknowledged_by.username) for a in acks] == [
        (a.pk, a.acknowledged_by.username) for a in _acknowledgements(version_id=adopted.pk)
    ]
    assert [a.organisation_id for a in acks] == [world.police.pk]
    assert _ACKNOWLEDGEMENTS(version_id=draft.pk) == []
    informing = _INFORMING(case_id=world.case.pk)
    assert [(i.person_id, i.informed_by.username) for i in informing] == [
        (i.person_id, i.informed_by.username) for i in _informing(case_id=world.case.pk)
    ]
    assert [i.person_id for i in informing] == [person.pk]
    assert _INFORMING(case_id=CaseFactory().pk) == []


def test_a_number_compared_with_an_integer_column_that_is_no_key_is_kept():
    """PostgreSQL's backend types such a number (psycopg's Int8 for a BigIntegerField)
    where a key's number goes in as it is: the kept query puts the real value in the same
    way, so the case page's timeline is kept as well."""
    from casework.models import TimelineEvent
    from casework.selectors import case_timeline

    case = CaseFactory()
    assert case_timeline(case)  # the rows are built
    organisation_id = case.coordinator.organisation_id
    TimelineEvent.objects.filter(case=case).update(organisation_id=organisation_id)

    def events(*, organisation_id: int):
        return TimelineEvent.objects.filter(organisation_id=organisation_id).order_by("pk")

    prepared = PreparedQuery(events, organisation_id=int)
    assert prepared.is_kept()
    kept = prepared(organisation_id=organisation_id)
    assert kept and [e.pk for e in kept] == [e.pk for e in events(organisation_id=organisation_id)]
    assert prepared(organisation_id=organisation_id + 1000) == []


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_kept_query_holds_no_connection_of_the_thread_that_prepared_it():
    """A query first run in a request thread of a threaded server is kept for the whole
    process: it must not keep that thread's database connection open after the thread
    has ended (CI found one such idle connection per test process at the end)."""
    import gc
    import threading
    import weakref

    from django.db import connections

    coordinator = UserFactory(coordinator=True)
    prepared = PreparedQuery(_cases, user_id=int, now=datetime)
    seen = {}

    def in_a_thread():
        seen["rows"] = prepared(user_id=coordinator.pk, now=timezone.now())
        seen["connection"] = weakref.ref(connections["default"])

    thread = threading.Thread(target=in_a_thread)
    thread.start()
    thread.join()
    assert prepared.is_kept() and seen["rows"] == []
    gc.collect()
    assert seen["connection"]() is None, "the kept query holds the ended thread's connection"
    assert prepared(user_id=coordinator.pk, now=timezone.now()) == []  # still runs here
