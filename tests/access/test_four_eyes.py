# SPDX-License-Identifier: EUPL-1.2
"""Four-eyes on every grant of access, through /beheer/ as a functional administrator
would do it; nobody sets another person's password."""

import pytest
from django.core import mail
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AccessGrantRequest, GrantKind, Organisation, OrganisationKind, User
from audit.models import AuditEntry
from audit.services import audit_chain_breaks
from notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admins():
    first = UserFactory(functional_admin=True)
    second = UserFactory(functional_admin=True, organisation=first.organisation)
    log_manager = UserFactory(log_manager=True, organisation=first.organisation)
    return first, second, log_manager


def _approve(client, second, grant):
    client.force_login(second)
    return client.post(
        "/beheer/accounts/accessgrantrequest/",
        {"action": "approve", "_selected_action": [grant.pk]},
    )


def test_creating_a_coordinator_waits_for_a_second_administrator(client, admins):
    first, second, log_manager = admins
    zvh = OrganisationFactory(kind=OrganisationKind.ZVH)
    client.force_login(first)
    response = client.post(
        "/beheer/accounts/user/add/",
        {"username": "nieuw", "organisation": zvh.pk, "role": "coordinator"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="nieuw")
    assert user.role == "" and not user.has_usable_password()
    assert not user.has_perm("casework.view_case")
    grant = AccessGrantRequest.objects.get(user=user)
    assert grant.kind == GrantKind.CREATE_USER and grant.after["role"] == "coordinator"
    # The one who asked cannot approve.
    _approve(client, first, grant)
    grant.refresh_from_db()
    assert grant.status == AccessGrantRequest.Status.PENDING
    _approve(client, second, grant)
    grant.refresh_from_db()
    user = User.objects.get(pk=user.pk)
    assert grant.status == AccessGrantRequest.Status.APPROVED and grant.decided_by == second
    assert user.role == "coordinator" and user.has_perm("casework.view_case")
    logged = AuditEntry.objects.filter(object_type="accounts.AccessGrantRequest")
    assert logged.filter(user_id=first.pk, purpose__contains='"na"').exists()
    assert logged.filter(user_id=second.pk, purpose__contains="goedgekeurd").exists()
    assert Notification.objects.filter(recipient=user, kind="access_grant").exists()
    assert Notification.objects.filter(recipient=log_manager, kind="access_grant").exists()
    assert list(audit_chain_breaks()) == []


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        ({"role": "manager"}, GrantKind.CHANGE_ROLE),
        ({"is_active": "on"}, GrantKind.REACTIVATE),
        ({"organisation": "other"}, GrantKind.MOVE_USER),
    ],
)
def test_changing_what_a_user_may_see_waits_for_approval(client, admins, change, kind):
    first, second, _log_manager = admins
    user = UserFactory(partner=True, is_active=kind != GrantKind.REACTIVATE)
    other = OrganisationFactory(kind=OrganisationKind.POLICE)
    data = {
        "username": user.username,
        "first_name": "Nieuwe",
        "last_name": "Naam",
        "email": "",
        "organisation": user.organisation_id,
        "role": user.role,
        "last_login": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }
    if user.is_active:
        data["is_active"] = "on"
    data.update({k: (other.pk if v == "other" else v) for k, v in change.items()})
    before = (user.role, user.organisation_id, user.is_active)
    client.force_login(first)
    response = client.post(f"/beheer/accounts/user/{user.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    user.refresh_from_db()
    assert (user.role, user.organisation_id, user.is_active) == before
    assert user.first_name == "Nieuwe"  # what grants nothing is saved at once
    grant = AccessGrantRequest.objects.get(user=user)
    assert grant.kind == kind
    _approve(client, second, grant)
    user.refresh_from_db()
    assert (user.role, user.organisation_id, user.is_active) != before


def test_deactivating_applies_at_once(client, admins):
    first, _second, _log = admins
    user = UserFactory(partner=True)
    from accounts.services import user_admin_save

    user.is_active = False
    user_admin_save(actor=first, user=user, created=False)
    user.refresh_from_db()
    assert not user.is_active
    assert not AccessGrantRequest.objects.filter(user=user).exists()


def test_changing_an_organisations_kind_waits_for_approval(client, admins):
    first, second, _log = admins
    team_org = OrganisationFactory(kind=OrganisationKind.SOCIAL_TEAM)
    member = UserFactory(partner=True, organisation=team_org)
    client.force_login(first)
    response = client.post(
        f"/beheer/accounts/organisation/{team_org.pk}/change/",
        {"name": team_org.name, "kind": "shelter", "is_active": "on"},
    )
    assert response.status_code == 302
    assert Organisation.objects.get(pk=team_org.pk).kind == OrganisationKind.SOCIAL_TEAM
    grant = AccessGrantRequest.objects.get(organisation=team_org)
    assert grant.before == {"kind": "social_team"} and grant.after == {"kind": "shelter"}
    _approve(client, second, grant)
    assert Organisation.objects.get(pk=team_org.pk).kind == OrganisationKind.SHELTER
    assert Notification.objects.filter(recipient=member, kind="access_grant").exists()


def test_nobody_sets_another_persons_password(client, admins):
    first, _second, _log = admins
    user = UserFactory(partner=True)
    client.force_login(first)
    response = client.post(
        f"/beheer/accounts/user/{user.pk}/password/",
        {"password1": "Overgenomen-2026!", "password2": "Overgenomen-2026!"},
    )
    assert response.status_code in (403, 404)
    user.refresh_from_db()
    assert not user.check_password("Overgenomen-2026!")


def test_a_reset_link_also_resets_the_second_factor(
    client, admins, django_capture_on_commit_callbacks
):
    first, _second, _log = admins
    user = UserFactory(partner=True, email="p@example.invalid")
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/beheer/accounts/user/",
            {"action": "send_password_reset", "_selected_action": [user.pk]},
        )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert AuditEntry.objects.filter(
        user_id=first.pk, object_id=str(user.pk), purpose__contains="herstellink"
    ).exists()
    assert len(mail.outbox) == 1 and "/accounts/wachtwoord/" in mail.outbox[0].body


def test_approval_checks_the_municipality_rule_again(client, admins):
    """Issue 12: the role municipality official exists only in a municipality. A role change
    asked while the organisation was a municipality is refused at approval when the
    organisation has changed kind since; and a municipality with active officials cannot
    become another kind."""
    first, second, _ = admins
    town = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, name="Gemeente Hof van Twente")
    clerk = UserFactory(organisation=town, partner=True)
    role_change = AccessGrantRequest.objects.create(
        kind=GrantKind.CHANGE_ROLE, user=clerk, before={"role": "partner"},
        after={"role": "municipality_official"}, requested_by=first,
    )  # fmt: skip
    kind_change = AccessGrantRequest.objects.create(
        kind=GrantKind.CHANGE_KIND, organisation=town, before={"kind": "municipality"},
        after={"kind": "police"}, requested_by=first,
    )  # fmt: skip
    _approve(client, second, kind_change)
    town.refresh_from_db()
    assert town.kind == OrganisationKind.POLICE
    response = _approve(client, second, role_change)
    page = client.get(response["Location"]).content.decode()
    assert "alleen bij een organisatie van de soort gemeente" in page
    role_change.refresh_from_db()
    clerk.refresh_from_db()
    assert role_change.status == AccessGrantRequest.Status.PENDING
    assert clerk.role == "partner"

    # The other way round: a municipality that has an official cannot change kind.
    other = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, name="Gemeente Losser")
    UserFactory(organisation=other, municipality_official=True)
    change = AccessGrantRequest.objects.create(
        kind=GrantKind.CHANGE_KIND, organisation=other, before={"kind": "municipality"},
        after={"kind": "social_team"}, requested_by=first,
    )  # fmt: skip
    response = _approve(client, second, change)
    assert "actieve gemeenteambtenaren" in client.get(response["Location"]).content.decode()
    other.refresh_from_db()
    change.refresh_from_db()
    assert other.kind == OrganisationKind.MUNICIPALITY
    assert change.status == AccessGrantRequest.Status.PENDING
