# SPDX-License-Identifier: EUPL-1.2
"""Round trips a page does not need (issue 14): on PostgreSQL a select of a model's options
(a form's ModelChoiceField) must not be read through a server-side cursor, which costs a
DECLARE, two FETCHes and a CLOSE where one SELECT does."""

from unittest import mock

import pytest
from django.db import connections
from django.urls import reverse

from tests.access.helpers import case_urls, case_with_team

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]


@pytest.fixture
def cursors_opened():
    """The server-side cursors Django opens while the test runs."""
    opened = []
    backend = type(connections["default"])
    chunked = backend.chunked_cursor

    def counting(self):
        opened.append(self.alias)
        return chunked(self)

    with mock.patch.object(backend, "chunked_cursor", counting):
        yield opened


def test_the_case_list_and_its_filter_read_without_a_server_side_cursor(client, cursors_opened):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 200
    assert str(team.case.municipality) in response.content.decode()  # the filter's option
    assert cursors_opened == []


def test_no_page_under_a_case_reads_through_a_server_side_cursor(client, cursors_opened):
    team = case_with_team()
    client.force_login(team.case.coordinator)
    shown = 0
    for url in case_urls():
        response = client.get(url.reverse(case_pk=team.case.pk))
        shown += response.status_code == 200
        assert cursors_opened == [], url.view_name
    assert shown >= 10  # the forms of the case were shown, not only refusals
    response = client.get(reverse("casework:case_register"))
    assert response.status_code == 200 and cursors_opened == []
