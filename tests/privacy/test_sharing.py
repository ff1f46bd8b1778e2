# SPDX-License-Identifier: EUPL-1.2
"""Purpose and legal basis per partner (WGS): required, shown, and linked from the log."""

import re

import pytest
from django.core.exceptions import ValidationError

from accounts.models import OrganisationKind
from audit.models import AuditEntry
from casework.models import LegalBasis, SharingPurpose
from casework.services.cases import membership_add_organisation
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_person, sharing_basis

pytestmark = pytest.mark.django_db


def test_a_partner_cannot_be_added_without_purpose_legal_basis_and_note():
    case = CaseFactory()
    organisation = OrganisationFactory(kind=OrganisationKind.VEILIG_THUIS)
    with pytest.raises(ValidationError) as refused:
        membership_add_organisation(
            actor=case.coordinator,
            case=case,
            organisation=organisation,
            purpose=None,
            legal_basis="",
            sharing_note=" ",
        )
    assert set(refused.value.message_dict) == {"purpose", "legal_basis", "sharing_note"}
    assert not case.memberships.filter(organisation=organisation).exists()


def test_an_inactive_purpose_is_refused():
    case = CaseFactory()
    purpose = SharingPurpose.objects.create(name="Oud doel", is_active=False)
    with pytest.raises(ValidationError):
        membership_add_organisation(
            actor=case.coordinator,
            case=case,
            organisation=OrganisationFactory(),
            purpose=purpose,
            legal_basis=LegalBasis.WGS,
            sharing_note="x",
        )


def test_the_form_says_what_is_missing_in_dutch_and_keeps_the_text(client):
    case = CaseFactory()
    organisation = OrganisationFactory(kind=OrganisationKind.MENTAL_HEALTH)
    client.force_login(case.coordinator)
    response = client.post(
        f"/cases/{case.pk}/partners/",
        {
            "kind": "organisation",
            "org-organisations": [organisation.pk],
            "org-sharing_note": "Behandelaar van de pleger (fictief).",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Kies het doel waarvoor deze organisatie gegevens deelt." in body
    assert "Kies de grondslag waarop deze organisatie gegevens deelt." in body
    assert "Behandelaar van de pleger (fictief)." in body
    # The chosen organisation stays chosen.
    assert re.search(rf'value="{organisation.pk}"[^>]*checked', body)
    assert not case.memberships.filter(organisation=organisation).exists()


def test_the_case_page_shows_purpose_and_basis_per_partner_and_the_log_links_reads(client):
    case = CaseFactory()
    add_person(case)
    organisation = OrganisationFactory(kind=OrganisationKind.VEILIG_THUIS)
    basis = sharing_basis()
    membership = membership_add_organisation(
        actor=case.coordinator,
        case=case,
        organisation=organisation,
        purpose=basis["purpose"],
        legal_basis=LegalBasis.PUBLIC_TASK,
        sharing_note="Onderzoek naar de veiligheid van de kinderen (fictief).",
    )
    partner = UserFactory(organisation=organisation, partner=True)
    client.force_login(partner)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert basis["purpose"].name in body
    assert str(LegalBasis.PUBLIC_TASK.label) in body
    assert "Onderzoek naar de veiligheid van de kinderen (fictief)." in body
    read = AuditEntry.objects.filter(user_id=partner.pk, action="view", case_id=case.pk).last()
    assert read.sharing_id == membership.pk
    # The coordinator reads under the ZVH's own membership, recorded at registration.
    client.force_login(case.coordinator)
    client.get(f"/cases/{case.pk}/")
    coordinator_read = AuditEntry.objects.filter(user_id=case.coordinator.pk, action="view").last()
    zvh = case.memberships.get(organisation=case.coordinator.organisation, user__isnull=True)
    assert coordinator_read.sharing_id == zvh.pk
    assert zvh.legal_basis == LegalBasis.WGS


def test_the_chain_still_verifies_with_sharing_ids():
    from audit.services import audit_chain_breaks

    case = CaseFactory()
    add_person(case)
    assert list(audit_chain_breaks()) == []


def test_the_functional_administrator_keeps_the_list_of_purposes(client):
    admin = UserFactory(functional_admin=True)
    client.force_login(admin)
    response = client.post("/privacy/doelen/", {"name": "", "description": "x"})
    assert "Geef het doel een naam." in response.content.decode()
    client.post("/privacy/doelen/", {"name": "Nazorg na detentie", "is_active": "on"})
    assert SharingPurpose.objects.filter(name="Nazorg na detentie", is_active=True).exists()
    client.force_login(UserFactory(coordinator=True))
    assert client.get("/privacy/doelen/").status_code == 404


def test_the_case_list_links_each_row_to_the_basis_it_is_read_under(client):
    """The list's entries name the reader's active membership on each case, read with the
    rows (one query fewer than asking afterwards), also after a partner left and came back
    and on a page past the kept first pages."""
    from django.urls import reverse

    from casework.models import CaseMembership
    from casework.selectors import KEPT_LIST_PAGES, LIST_SHARING, case_list_rows
    from casework.services.cases import membership_remove

    first = CaseFactory()
    cases = [first] + [CaseFactory(coordinator=first.coordinator) for _n in range(KEPT_LIST_PAGES)]
    organisation = OrganisationFactory(kind=OrganisationKind.VEILIG_THUIS)
    for case in cases:
        membership_add_organisation(
            actor=case.coordinator, case=case, organisation=organisation, **sharing_basis()
        )
    left = CaseMembership.objects.get(case=first, organisation=organisation)
    membership_remove(actor=first.coordinator, case=first, membership=left)
    back = membership_add_organisation(
        actor=first.coordinator, case=first, organisation=organisation, **sharing_basis()
    )
    partner = UserFactory(organisation=organisation, partner=True)
    active = dict(
        CaseMembership.objects.filter(
            organisation=organisation, user__isnull=True, removed_at__isnull=True
        ).values_list("case_id", "pk")
    )
    assert active[first.pk] == back.pk != left.pk

    client.force_login(partner)
    assert client.get(reverse("casework:case_list")).status_code == 200
    read = AuditEntry.objects.filter(user_id=partner.pk, action="view", path="/cases/")
    assert {e.case_id: e.sharing_id for e in read} == active
    # Past the kept pages the rows are built each time, with the same basis.
    (row,) = case_list_rows(user=partner, offset=KEPT_LIST_PAGES, limit=1)
    assert getattr(row, LIST_SHARING) == active[row.pk]
