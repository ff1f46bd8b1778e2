# SPDX-License-Identifier: EUPL-1.2
"""One coordinating ZVH per case: a second ZVH is an ordinary partner, and coordination
moves only by a transfer the new coordinator accepts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import OrganisationKind
from audit.models import Action, AuditEntry
from casework.models import CoordinationTransfer, LegalBasis
from casework.permissions import can_manage_case, can_view_confidential_address
from casework.services.cases import membership_remove
from casework.services.coordination import (
    coordination_transfer_decide,
    coordination_transfer_request,
)
from notifications.models import Notification
from tests.access.helpers import case_with_team
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import add_partner

pytestmark = pytest.mark.django_db


def test_the_case_records_its_coordinating_organisation():
    team = case_with_team()
    assert team.case.coordinating_organisation == team.zvh


def test_a_second_zvh_is_an_ordinary_partner_that_can_be_removed(client):
    team = case_with_team()
    second = add_partner(team.case, kind=OrganisationKind.ZVH)
    other_coordinator = UserFactory(organisation=second, coordinator=True)
    assert not can_manage_case(other_coordinator, team.case)
    assert not can_view_confidential_address(other_coordinator, team.case)
    client.force_login(other_coordinator)
    assert client.get(f"/cases/{team.case.pk}/").status_code == 200
    assert "Geheimstraat" not in client.get(f"/cases/{team.case.pk}/").content.decode()
    assert client.get(f"/cases/{team.case.pk}/persons/new/").status_code == 404
    membership = team.case.memberships.get(organisation=second, user__isnull=True)
    membership_remove(actor=team.case.coordinator, case=team.case, membership=membership)
    assert client.get(f"/cases/{team.case.pk}/").status_code == 404


def test_the_coordinating_zvh_still_cannot_be_removed():
    team = case_with_team()
    membership = team.case.memberships.get(organisation=team.zvh, user__isnull=True)
    with pytest.raises(ValidationError):
        membership_remove(actor=team.case.coordinator, case=team.case, membership=membership)


def test_coordination_moves_only_when_the_new_coordinator_accepts():
    team = case_with_team()
    other_zvh = OrganisationFactory(kind=OrganisationKind.ZVH)
    newcomer = UserFactory(organisation=other_zvh, coordinator=True)
    with pytest.raises(ValidationError):
        coordination_transfer_request(
            actor=team.case.coordinator, case=team.case, to_coordinator=newcomer, reason=" "
        )
    transfer = coordination_transfer_request(
        actor=team.case.coordinator,
        case=team.case,
        to_coordinator=newcomer,
        reason="Slachtoffer verhuisd naar opvang in andere regio (fictief).",
    )
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == team.zvh  # nothing changed yet
    assert Notification.objects.filter(recipient=newcomer, kind="coordination_transfer").exists()
    with pytest.raises(PermissionDenied):  # only the named coordinator decides
        coordination_transfer_decide(actor=team.case.coordinator, transfer=transfer, accept=True)
    old_coordinator = team.case.coordinator
    coordination_transfer_decide(actor=newcomer, transfer=transfer, accept=True)
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == other_zvh
    assert team.case.coordinator == newcomer
    assert can_manage_case(newcomer, team.case)
    old_coordinator.refresh_from_db()
    assert not can_manage_case(old_coordinator, team.case)
    # The new coordinating ZVH takes part on the WGS basis, recorded like any partner's.
    joined = team.case.memberships.active().organisations().get(organisation=other_zvh)
    assert joined.legal_basis == LegalBasis.WGS and joined.sharing_note
    # The former ZVH is now an ordinary partner: it can be removed.
    membership = team.case.memberships.get(organisation=team.zvh, user__isnull=True)
    membership_remove(actor=newcomer, case=team.case, membership=membership)
    logged = AuditEntry.objects.filter(
        case_id=team.case.pk, object_type="casework.CoordinationTransfer"
    )
    assert logged.filter(action=Action.CREATE).exists()
    assert logged.filter(action=Action.UPDATE, user_id=newcomer.pk).exists()
    transfer.refresh_from_db()
    assert transfer.status == CoordinationTransfer.Status.ACCEPTED


def test_a_declined_transfer_changes_nothing():
    team = case_with_team()
    newcomer = UserFactory(
        organisation=OrganisationFactory(kind=OrganisationKind.ZVH), coordinator=True
    )
    transfer = coordination_transfer_request(
        actor=team.case.coordinator, case=team.case, to_coordinator=newcomer, reason="Verhuisd."
    )
    coordination_transfer_decide(actor=newcomer, transfer=transfer, accept=False)
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == team.zvh
    assert not can_manage_case(newcomer, team.case)


def test_a_second_zvh_coordinator_cannot_start_a_transfer():
    team = case_with_team()
    second = add_partner(team.case, kind=OrganisationKind.ZVH)
    intruder = UserFactory(organisation=second, coordinator=True)
    with pytest.raises(PermissionDenied):
        coordination_transfer_request(
            actor=intruder, case=team.case, to_coordinator=intruder, reason="Ik neem het over."
        )
