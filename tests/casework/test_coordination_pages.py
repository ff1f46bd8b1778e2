# SPDX-License-Identifier: EUPL-1.2
"""Issue 13: the handover of coordination to another ZVH has its screens. The case's
coordinator asks on the case, with a reason; the named coordinator of the receiving ZVH
finds it through the notification and accepts or declines; nobody else can do either."""

import pytest

from accounts.models import OrganisationKind
from audit.models import Action, AuditEntry
from casework.models import CoordinationTransfer
from tests.access.helpers import case_with_team, member_in_role
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def handover():
    team = case_with_team()
    other_zvh = OrganisationFactory(name="ZVH IJsselland", kind=OrganisationKind.ZVH)
    newcomer = UserFactory(
        organisation=other_zvh, coordinator=True, first_name="Ayşe", last_name="Kılıç"
    )
    return team, other_zvh, newcomer


def _ask(client, team, newcomer, reason="Het gezin verhuist naar een opvang in Zwolle."):
    client.force_login(team.case.coordinator)
    return client.post(
        f"/cases/{team.case.pk}/regie/", {"to_coordinator": newcomer.pk, "reason": reason}
    )


def test_the_case_page_offers_the_handover_to_its_coordinator_only(client, handover):
    team, _, _ = handover
    client.force_login(team.case.coordinator)
    assert (
        "Regie overdragen aan een ander ZVH"
        in client.get(f"/cases/{team.case.pk}/").content.decode()
    )
    partner = member_in_role(team, "partner")
    client.force_login(partner)
    assert "Regie overdragen" not in client.get(f"/cases/{team.case.pk}/").content.decode()
    assert client.get(f"/cases/{team.case.pk}/regie/").status_code == 404
    assert client.post(f"/cases/{team.case.pk}/regie/", {"reason": "x"}).status_code == 404
    assert AuditEntry.objects.filter(
        user_id=partner.pk, action=Action.DENIED, case_id=team.case.pk
    ).exists()


def test_the_form_lists_coordinators_of_other_zvhs_only(client, handover):
    team, _, newcomer = handover
    colleague = UserFactory(organisation=team.zvh, coordinator=True, last_name="Collega")
    client.force_login(team.case.coordinator)
    page = client.get(f"/cases/{team.case.pk}/regie/").content.decode()
    assert "Kılıç" in page and "ZVH IJsselland" in page
    assert "Collega" not in page
    refused = client.post(
        f"/cases/{team.case.pk}/regie/", {"to_coordinator": colleague.pk, "reason": "Zomaar"}
    )
    assert "Kies een actieve procesregisseur van een ander ZVH." in refused.content.decode()
    assert not CoordinationTransfer.objects.exists()


def test_a_handover_without_a_reason_is_refused_and_keeps_the_choice(client, handover):
    team, _, newcomer = handover
    response = _ask(client, team, newcomer, reason="   ")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Beschrijf waarom de regie wordt overgedragen." in page
    assert f'value="{newcomer.pk}" selected' in page
    assert not CoordinationTransfer.objects.exists()


def test_asking_changes_nothing_until_the_new_coordinator_accepts(client, handover):
    team, other_zvh, newcomer = handover
    response = _ask(client, team, newcomer)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "De overdracht van de regie is gevraagd aan" in page
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == team.zvh
    # A second request while one waits is shown as waiting, not asked twice.
    waiting = client.get(f"/cases/{team.case.pk}/regie/").content.decode()
    assert "Er wacht al een overdracht aan" in waiting

    # The newcomer: notification → the handover page → accept → the case is theirs.
    client.force_login(newcomer)
    notifications = client.get("/notifications/").content.decode()
    assert "/cases/regie/" in notifications
    inbox = client.get("/cases/regie/").content.decode()
    assert team.case.reference in inbox and "opvang in Zwolle" in inbox
    assert AuditEntry.objects.filter(
        user_id=newcomer.pk, action=Action.VIEW, case_id=team.case.pk
    ).exists()
    transfer = CoordinationTransfer.objects.get()
    accepted = client.post(f"/cases/regie/{transfer.pk}/", {"decision": "accept"})
    assert accepted["Location"] == f"/cases/{team.case.pk}/"
    assert "U voert nu de regie over casus" in client.get(accepted["Location"]).content.decode()
    team.case.refresh_from_db()
    assert team.case.coordinating_organisation == other_zvh
    assert team.case.coordinator == newcomer


def test_nobody_but_the_named_coordinator_decides(client, handover):
    team, other_zvh, newcomer = handover
    _ask(client, team, newcomer)
    transfer = CoordinationTransfer.objects.get()
    for outsider in (
        team.case.coordinator,
        UserFactory(organisation=other_zvh, coordinator=True),
        member_in_role(team, "zvh_manager"),
    ):
        client.force_login(outsider)
        assert (
            client.post(f"/cases/regie/{transfer.pk}/", {"decision": "accept"}).status_code == 404
        )
        assert team.case.reference not in client.get("/cases/regie/").content.decode()
    transfer.refresh_from_db()
    assert transfer.status == CoordinationTransfer.Status.PENDING
    client.force_login(newcomer)
    assert client.get(f"/cases/regie/{transfer.pk}/").status_code == 405  # POST only
    nonsense = client.post(f"/cases/regie/{transfer.pk}/", {"decision": "maybe"})
    assert "Kies aanvaarden of weigeren." in client.get(nonsense["Location"]).content.decode()


def test_declining_leaves_the_coordination_where_it_was(client, handover):
    team, _, newcomer = handover
    _ask(client, team, newcomer)
    transfer = CoordinationTransfer.objects.get()
    client.force_login(newcomer)
    declined = client.post(f"/cases/regie/{transfer.pk}/", {"decision": "decline"})
    assert "geweigerd" in client.get(declined["Location"]).content.decode()
    transfer.refresh_from_db()
    team.case.refresh_from_db()
    assert transfer.status == CoordinationTransfer.Status.DECLINED
    assert team.case.coordinating_organisation == team.zvh
    assert client.get(f"/cases/{team.case.pk}/").status_code == 404
