# SPDX-License-Identifier: EUPL-1.2
"""Issue 11: the case page's query count is at most 20 in every phase, for the coordinator
and for a partner, once its timeline rows are built (the first view after a change
rebuilds them, bounded in tests/casework/test_case_views.py)."""

import pytest
from django.urls import reverse

from casework.models import Case, Phase
from tests.access.helpers import case_with_team, member_in_role
from tests.factories.cases import add_person

pytestmark = pytest.mark.django_db

# Issue 11 asked for 20; the same on SQLite and PostgreSQL since the chain's lock and head
# are one call (audit/migrations/0008; PostgreSQL needed one more before), and one fewer
# since the permissions come with the user (accounts.backends.PERMISSION_CODES).
PAGE_MAX = 18


@pytest.mark.parametrize("phase", [p.value for p in Phase])
@pytest.mark.parametrize("who", ["coordinator", "partner"])
def test_the_case_page_stays_within_twenty_queries_in_every_phase(
    client, django_assert_max_num_queries, phase, who
):
    team = case_with_team()
    for n in range(4):
        add_person(team.case, first_name=f"Kind{n}", roles=("child",))
    Case.objects.filter(pk=team.case.pk).update(phase=phase)
    user = team.case.coordinator if who == "coordinator" else member_in_role(team, "partner")
    client.force_login(user)
    url = reverse("casework:case_detail", args=[team.case.pk])
    assert client.get(url).status_code == 200  # builds the timeline rows
    with django_assert_max_num_queries(PAGE_MAX):
        assert client.get(url).status_code == 200
