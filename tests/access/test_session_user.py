# SPDX-License-Identifier: EUPL-1.2
"""The user of a session is read with their permissions in one query (issue 14,
accounts.backends.PERMISSION_CODES): the same permissions Django's own reading gives, the
current ones at every request, and no error for a session naming a user that cannot be."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import UserBackend
from accounts.models import Role
from accounts.services import user_sync_groups
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

TRAITS = [
    "coordinator",
    "manager",
    "zvh_manager",
    "partner",
    "municipality_official",
    "functional_admin",
    "log_manager",
]


@pytest.mark.parametrize("trait", TRAITS)
def test_every_role_has_the_permissions_djangos_own_backend_reads(trait):
    user = UserFactory(**{trait: True})
    user.user_permissions.add(Permission.objects.get(codename="view_auditentry"))
    read = UserBackend().get_user(user.pk)
    with CaptureQueriesContext(connection) as queries:
        found = UserBackend().get_all_permissions(read)
    assert len(queries) == 0, "read with the user of the session"
    expected = ModelBackend().get_all_permissions(type(user).objects.get(pk=user.pk))
    assert found == expected and "audit.view_auditentry" in found


def test_a_user_without_any_permission_has_none():
    user = UserFactory(partner=True)
    user.groups.clear()
    read = UserBackend().get_user(user.pk)
    assert UserBackend().get_all_permissions(read) == set()
    assert not read.has_perm("casework.view_case")


def test_a_superuser_has_every_permission():
    user = UserFactory(partner=True, is_superuser=True)
    read = UserBackend().get_user(user.pk)
    assert UserBackend().get_all_permissions(read) == {
        f"{p.content_type.app_label}.{p.codename}" for p in Permission.objects.all()
    }


def test_a_role_taken_away_counts_at_the_next_request(client):
    user = UserFactory(coordinator=True)
    client.force_login(user)
    assert client.get(reverse("casework:case_list")).status_code == 200
    user.role = Role.LOG_MANAGER
    user.save()
    user_sync_groups(user=user)
    assert client.get(reverse("casework:case_list")).status_code == 403


@pytest.mark.parametrize("key", ["9" * 30, "-1", str(2**63), "0"])
def test_a_session_naming_no_possible_user_is_logged_out_not_an_error(client, key):
    client.force_login(UserFactory(coordinator=True))
    session = client.session
    session[SESSION_KEY] = key
    session.save()
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302 and "/login" in response["Location"]


SSO = "accounts.oidc.ProviderBackend"
PASSWORD = "accounts.backends.UserBackend"


def _queries_of_the_case_list(client, user, backend) -> int:
    client.force_login(user, backend=backend)
    client.get(reverse("casework:case_list"))  # the first request renews the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("casework:case_list")).status_code == 200
    client.logout()
    return len(queries)


def test_a_single_sign_on_session_reads_its_user_as_a_password_session_does(client):
    user = UserFactory(coordinator=True)
    assert _queries_of_the_case_list(client, user, SSO) == _queries_of_the_case_list(
        client, user, PASSWORD
    )


def test_a_single_sign_on_session_of_an_account_switched_off_ends(client):
    user = UserFactory(coordinator=True)
    client.force_login(user, backend=SSO)
    assert client.get(reverse("casework:case_list")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("casework:case_list"))
    assert response.status_code == 302 and "/login" in response["Location"]
