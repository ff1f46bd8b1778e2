# SPDX-License-Identifier: EUPL-1.2
"""A reader outside a ZVH in few cases gets the case list from their grants (issue 14).

Walking the list's order until enough of a reader's cases came by cost a team in 3 of
100,000 cases a walk over all of them; the list now reads such a reader's grants first and
probes those cases by key. These tests hold that it is the same list: the same rows in the
same order, on every page and with every filter, as the walk gives."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import OrganisationKind, User
from bench.region import generate_region
from casework import selectors
from casework.models import Case
from casework.selectors import KEPT_LIST_PAGES, case_list, case_list_rows
from config.ids import IdIn, ids_text
from tests.access.helpers import case_with_team
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
ANCHOR = date(2026, 11, 2)
FEW = 6


@pytest.fixture
def few(monkeypatch):
    """A threshold that a small region's partners fall on both sides of."""
    monkeypatch.setattr(selectors, "FEW_CASES", FEW)
    selectors._GRANTED_IDS.forget()  # its LIMIT is compiled in
    yield FEW
    selectors._GRANTED_IDS.forget()


def _walked(user, **filters) -> list[int]:
    """The list as the walk gives it (case_list: visibility by the grants, in order)."""
    return list(case_list(user=user, **filters).values_list("pk", flat=True))


FILTERS = [
    {},
    {"order": "reference"},
    {"order": "-phase_entered_at"},
    {"mine": True},
    {"phase": "immediate_safety"},
    {"track": "code_rood"},
]


def test_the_list_read_from_the_grants_is_the_list_the_walk_gives(few):
    generate_region(cases=60, seed=11, users=120, anchor=ANCHOR)
    took_few = took_walk = 0
    for user in User.objects.select_related("organisation"):
        ids = selectors._few_case_ids(user) if user.organisation_id else None
        took_few += ids is not None
        took_walk += ids is None
        for filters in FILTERS:
            walked = _walked(user, **filters)
            for offset, limit in ((0, 4), (4, 4), (KEPT_LIST_PAGES * 4, 4), (0, 100)):
                rows = case_list_rows(user=user, offset=offset, limit=limit, **filters)
                shown = [case.pk for case in rows]
                assert shown == walked[offset : offset + limit], (user.username, filters, offset)
    assert took_few and took_walk  # both ways were compared


def test_a_partner_in_few_cases_is_read_by_key_and_a_zvh_by_the_walk(few):
    team = case_with_team()
    case = team.case
    partner = User.objects.select_related("organisation").get(pk=team.membership.user_id)
    assert partner.organisation.kind != OrganisationKind.ZVH
    assert partner.has_perm("casework.view_case")  # its permissions read before counting
    with CaptureQueriesContext(connection) as queries:
        rows = case_list_rows(user=partner, offset=0, limit=25)
    assert [row.pk for row in rows] == [case.pk]
    assert len(queries) == 2  # the grants, then the rows by key
    probe = "string_to_array" if connection.vendor == "postgresql" else "json_each"
    assert probe in queries.captured_queries[-1]["sql"]

    coordinator = User.objects.select_related("organisation").get(pk=case.coordinator_id)
    assert coordinator.has_perm("casework.view_case")
    with CaptureQueriesContext(connection) as queries:
        rows = case_list_rows(user=coordinator, offset=0, limit=25)
    assert [row.pk for row in rows] == [case.pk]
    assert len(queries) == 1  # a ZVH's grants are not read
    assert probe not in queries.captured_queries[0]["sql"]


def test_a_partner_without_cases_sees_an_empty_list_without_a_walk(few):
    case_with_team()
    stranger = UserFactory(partner=True)
    stranger = User.objects.select_related("organisation").get(pk=stranger.pk)
    assert stranger.has_perm("casework.view_case")
    assert selectors._few_case_ids(stranger) == ""
    with CaptureQueriesContext(connection) as queries:
        assert case_list_rows(user=stranger, offset=0, limit=25) == []
    probe = "string_to_array" if connection.vendor == "postgresql" else "json_each"
    assert probe in queries.captured_queries[-1]["sql"]


def test_ids_in_one_text_parameter():
    first, second = case_with_team().case, case_with_team().case

    def matching(ids) -> set[int]:
        return set(Case.objects.filter(IdIn("pk", ids_text(ids))).values_list("pk", flat=True))

    assert matching([]) == set()
    assert matching([second.pk]) == {second.pk}
    assert matching([first.pk, second.pk, 2**62]) == {first.pk, second.pk}
    assert ids_text([3, "15", 4]) == "3,15,4"
