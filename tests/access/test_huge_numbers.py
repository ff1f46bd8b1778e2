# SPDX-License-Identifier: EUPL-1.2
"""A number larger than the database can hold, in any query parameter or form field, is bad
input like any other: the page answers with a message or ignores it, never with a 500.

Found by the fuzz test on PostgreSQL: `/cases/?page=99999999999999999999` asked the database
for an OFFSET beyond bigint ("bigint out of range"). SQLite failed the same way with an
OverflowError. Every page is tried as every role that sees most of them, with one huge value
in every field it shows and in the usual query parameters, so a new page is covered too."""

import re

import pytest
from django.test import Client

from config.pagination import next_page
from tests.access.helpers import case_with_team, member_in_role
from tests.access.test_every_page_logged import _all_urls

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)
SKIP = ("/accounts/logout", "/i18n/")
QUERY = {"page": HUGE, "year": HUGE, "person": HUGE, "case": HUGE, "organisation": HUGE}


def test_the_case_list_past_the_last_page_is_an_empty_page_not_an_error(client):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    response = client.get("/cases/", {"page": HUGE})
    assert response.status_code == 200
    assert team.case.reference not in response.content.decode()


def test_a_page_number_beyond_any_page_reads_no_rows(django_assert_num_queries):
    from casework.models import Case

    with django_assert_num_queries(0):
        page = next_page(Case.objects.order_by("pk"), per_page=25, number=HUGE)
    assert list(page) == []
    assert not page.has_next


@pytest.mark.parametrize(
    "role", ["coordinator", "zvh_manager", "log_manager", "functional_admin", "partner"]
)
def test_no_page_answers_500_to_a_number_beyond_the_database(role):
    team = case_with_team()
    user = team.case.coordinator if role == "coordinator" else member_in_role(team, role)
    known = {
        "case_pk": team.case.pk,
        "person_pk": team.person.pk,
        "membership_pk": team.membership.pk,
    }
    paths = [p for p in _all_urls(known) if not p.startswith(SKIP)]
    assert len(paths) > 50, paths
    client = Client()
    client.force_login(user)
    for path in paths:
        page = client.get(path, QUERY)
        assert page.status_code < 500, ("GET", path)
        if not hasattr(page, "content"):
            continue  # a streamed download has no form
        names = set(FIELD.findall(page.content.decode(errors="ignore"))) - {"csrfmiddlewaretoken"}
        if names:
            answer = client.post(path, dict.fromkeys(names, HUGE))
            assert answer.status_code < 500, ("POST", path, sorted(names))
