# SPDX-License-Identifier: EUPL-1.2
"""config.sessions: the session row is read with a kept query, under Django's own rule —
a key that exists and has not expired — and nothing else changes for a user."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.sessions import _LIVE_SESSION
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_application_reads_its_sessions_with_the_kept_query(client):
    assert settings.SESSION_ENGINE == "config.sessions"
    assert _LIVE_SESSION.is_kept()
    client.force_login(UserFactory(coordinator=True))
    client.get(reverse("casework:case_list"))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("casework:case_list")).status_code == 200
    assert "django_session" in queries.captured_queries[0]["sql"]


def test_an_expired_session_is_not_read(client):
    client.force_login(UserFactory(coordinator=True))
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("cookie", ["onbekendesleutel", "x" * 300, "kort"])
def test_an_unknown_or_malformed_session_key_is_a_new_visitor(client, cookie):
    client.force_login(UserFactory(coordinator=True))
    client.cookies[settings.SESSION_COOKIE_NAME] = cookie
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_live_session_of_someone_else_is_not_shared(client):
    """Two users, two sessions: each request reads its own row."""
    first, second = UserFactory(coordinator=True), UserFactory(partner=True)
    client.force_login(first)
    other = type(client)()
    other.force_login(second)
    assert client.get(reverse("casework:case_list")).context["user"] == first
    assert other.get(reverse("notifications:notification_list")).context["user"] == second
