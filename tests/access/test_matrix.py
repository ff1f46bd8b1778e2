# SPDX-License-Identifier: EUPL-1.2
"""The authorisation matrix: every URL under a case × every role × member / non-member /
removed member. The URLs come from the resolver, so pages added later are covered.

A stranger, and someone whose organisation was removed (even replaying a session opened
while they still took part), gets 404 on every case URL for GET and POST — the same page
as a case that does not exist — nothing changes, and the attempt is in the access log.
"""

import pytest

from audit.models import Action, AuditEntry
from casework.models import Case, Incident, Person
from tests.access.helpers import (
    ROLES,
    case_urls,
    case_with_team,
    member_in_role,
    remove_organisation,
    user_in_role,
)
from tests.factories.cases import sharing_basis

pytestmark = pytest.mark.django_db

# What a member of each role may open (GET) among the case pages of issue 4. Pages of
# other issues are covered by the stranger / removed / no-case-content rows below.
MEMBER_GET = {
    "casework:case_detail": {
        "coordinator",
        "zvh_manager",
        "partner",
        "partner_manager",
        "municipality_official",
    },
    "casework:person_create": {"coordinator"},
    "casework:person_update": {"coordinator"},
    "casework:memberships": {"coordinator"},
    "casework:incident_create": {"coordinator", "partner"},
    "casework:closure_request": {"coordinator"},
}


def _page(response) -> str:
    """The page without per-request tokens and the address the user typed."""
    import re

    html = response.content.decode()
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "", html)
    html = re.sub(r'name="next" value="[^"]+"', "", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def _snapshot(case):
    return (
        Case.objects.filter(pk=case.pk).values_list("phase", "track").get(),
        Person.objects.count(),
        Incident.objects.count(),
        case.memberships.filter(removed_at__isnull=True).count(),
    )


def _known(team):
    return {
        "case_pk": team.case.pk,
        "person_pk": team.person.pk,
        "membership_pk": team.membership.pk,
    }


def test_the_resolver_finds_the_case_pages():
    names = {u.view_name for u in case_urls()}
    assert set(MEMBER_GET) <= names
    assert "casework:membership_remove" in names


def _assert_refused_everywhere(client, user, team, *, also_missing=False):
    before = _snapshot(team.case)
    refused = []
    for url in case_urls():
        path = url.reverse(**_known(team))
        for method in ("get", "post"):
            count = AuditEntry.objects.count()
            response = getattr(client, method)(path)
            if response.status_code != 404:
                refused.append((method, path, response.status_code))
                continue
            new = list(AuditEntry.objects.filter(pk__gt=0).order_by("-pk")[:1])
            assert AuditEntry.objects.count() == count + 1, (method, path)
            assert new[0].action == Action.DENIED and new[0].user_id == user.pk
            assert new[0].case_id == team.case.pk, (method, path)
    assert refused == []
    assert _snapshot(team.case) == before


@pytest.mark.parametrize("role", ROLES)
def test_a_stranger_in_any_role_gets_404_on_every_case_url(client, role):
    team = case_with_team()
    stranger = user_in_role(role)
    client.force_login(stranger)
    _assert_refused_everywhere(client, stranger, team)


@pytest.mark.parametrize("role", ["partner", "partner_manager", "municipality_official"])
def test_a_removed_member_replaying_their_session_gets_404_everywhere(client, role):
    team = case_with_team()
    member = member_in_role(team, role)
    client.force_login(member)
    assert client.get(f"/cases/{team.case.pk}/").status_code == 200  # session opened
    organisation = member.organisation
    remove_organisation(team, organisation)
    _assert_refused_everywhere(client, member, team)


def test_a_removed_named_professional_loses_access_at_once(client):
    team = case_with_team()
    from casework.services.cases import membership_remove
    from tests.factories import OrganisationFactory, UserFactory

    # A professional of an organisation that does not take part, named on the case.
    outside = OrganisationFactory(kind="mental_health")
    from casework.services.cases import membership_add_organisation

    org_membership = membership_add_organisation(
        actor=team.case.coordinator, case=team.case, organisation=outside, **sharing_basis()
    )
    professional = UserFactory(organisation=outside, partner=True)
    client.force_login(professional)
    assert client.get(f"/cases/{team.case.pk}/").status_code == 200
    membership_remove(actor=team.case.coordinator, case=team.case, membership=org_membership)
    _assert_refused_everywhere(client, professional, team)


@pytest.mark.parametrize("role", ROLES)
def test_members_open_exactly_the_pages_of_their_role(client, role):
    team = case_with_team()
    member = member_in_role(team, role)
    client.force_login(member)
    wrong = []
    for url in case_urls():
        path = url.reverse(**_known(team))
        status = client.get(path).status_code
        if url.view_name in MEMBER_GET:
            expected_open = role in MEMBER_GET[url.view_name]
            if expected_open != (status == 200):
                wrong.append((path, status))
        elif role in ("functional_admin", "log_manager") and status != 404:
            # Their organisation takes part, but these roles never open case content.
            wrong.append((path, status))
    assert wrong == []


@pytest.mark.parametrize("role", ROLES)
def test_a_guessed_case_id_looks_exactly_like_a_forbidden_case(client, role):
    team = case_with_team()
    stranger = user_in_role(role)
    client.force_login(stranger)
    missing = client.get(f"/cases/{team.case.pk + 1000}/")
    forbidden = client.get(f"/cases/{team.case.pk}/")
    assert missing.status_code == forbidden.status_code == 404
    assert _page(missing) == _page(forbidden)
    entries = AuditEntry.objects.filter(user_id=stranger.pk, action=Action.DENIED)
    assert set(entries.values_list("case_id", flat=True)) == {team.case.pk, team.case.pk + 1000}


def test_a_person_of_another_case_under_this_case_url_is_404_and_logged(client):
    team = case_with_team()
    other = case_with_team()
    client.force_login(team.case.coordinator)
    # Same coordinator organisation? No: each CaseFactory gets its own ZVH.
    path = f"/cases/{team.case.pk}/persons/{other.person.pk}/"
    before = Person.objects.get(pk=other.person.pk).first_name
    get = client.get(path)
    post = client.post(
        path,
        {
            "first_name": "Gewijzigd",
            "last_name": "X",
            "date_of_birth": "1990-01-01",
            "roles": ["victim"],
        },
    )
    assert get.status_code == post.status_code == 404
    assert Person.objects.get(pk=other.person.pk).first_name == before
    denied = AuditEntry.objects.filter(action=Action.DENIED, user_id=team.case.coordinator.pk)
    assert denied.count() == 2
    assert set(denied.values_list("case_id", flat=True)) == {team.case.pk}


def test_another_cases_membership_id_under_this_case_url_changes_nothing(client):
    team = case_with_team()
    other = case_with_team()
    client.force_login(team.case.coordinator)
    response = client.post(f"/cases/{team.case.pk}/partners/{other.membership.pk}/remove/")
    assert response.status_code == 404
    other.membership.refresh_from_db()
    assert other.membership.removed_at is None
    assert AuditEntry.objects.filter(
        action=Action.DENIED, case_id=team.case.pk, user_id=team.case.coordinator.pk
    ).exists()


# --- one coordinating ZVH per case ------------------------------------------------------
COORDINATOR_ONLY = {name for name, roles in MEMBER_GET.items() if roles == {"coordinator"}}


def test_a_second_zvhs_coordinator_opens_the_case_but_manages_nothing(client):
    """A ZVH added as partner (a victim moving to a shelter in another region) is an
    ordinary partner: the case page opens, no coordinator page does, no address shows."""
    from accounts.models import OrganisationKind
    from tests.factories.cases import add_partner

    team = case_with_team()
    second = add_partner(team.case, kind=OrganisationKind.ZVH)
    other = user_in_role("coordinator", organisation=second)
    client.force_login(other)
    wrong = []
    for url in case_urls():
        if url.view_name not in MEMBER_GET:
            continue
        path = url.reverse(**_known(team))
        response = client.get(path)
        # What a partner may: read the case, record an incident.
        expected_open = url.view_name in ("casework:case_detail", "casework:incident_create")
        if expected_open != (response.status_code == 200):
            wrong.append((path, response.status_code))
        if response.status_code == 200:
            assert "Geheimstraat" not in response.content.decode(), path
    assert wrong == []
    before = _snapshot(team.case)
    for name in COORDINATOR_ONLY:
        url = next(u for u in case_urls() if u.view_name == name)
        client.post(url.reverse(**_known(team)), {"first_name": "X", "roles": ["victim"]})
    assert _snapshot(team.case) == before


def test_a_coordinator_of_the_zvh_who_is_not_on_the_case_sees_no_shelter_address(client):
    team = case_with_team()
    colleague = member_in_role(team, "coordinator")  # same ZVH, not assigned, not named
    client.force_login(colleague)
    for url in case_urls():
        if url.view_name in MEMBER_GET:
            response = client.get(url.reverse(**_known(team)))
            assert "Geheimstraat" not in response.content.decode(), url.view_name
