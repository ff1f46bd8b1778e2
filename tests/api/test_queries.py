# SPDX-License-Identifier: EUPL-1.2
"""Query counts of the API's lists and details, pinned at two data sizes: the count must
not grow with the number of cases, agreements or plan items returned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.api.conftest import api_client, build_world, issue
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

PATHS = [
    "/api/v1/cases",
    "/api/v1/agreements",
    "/api/v1/actions",
    "/api/v1/deadlines",
    "/api/v1/huisverboden",
    "/api/v1/cases/{case}",
    "/api/v1/cases/{case}/persons",
    "/api/v1/cases/{case}/plan-versions",
    "/api/v1/cases/{case}/plan-versions/1",
]


def _counts(n_cases: int) -> dict[str, int]:
    org = OrganisationFactory(kind="veilig_thuis")
    worlds = [build_world(extra_org=org) for _ in range(n_cases)]
    client = api_client(issue(org)[0])
    counts = {}
    for template in PATHS:
        path = template.format(case=worlds[-1].case.pk)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200, path
        counts[template] = len(queries)
    return counts


def test_query_counts_do_not_grow_with_the_data():
    small = _counts(1)
    large = _counts(3)
    assert large == small
    for template, count in small.items():
        assert count <= 16, (template, count)
