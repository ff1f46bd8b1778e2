# SPDX-License-Identifier: EUPL-1.2
"""Choosing people: owner and professional lists hold only people who work on cases, of the
organisations taking part, grouped by organisation; several partners in one step."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import OrganisationKind
from casework.forms import ProfessionalMembershipForm
from casework.services.cases import membership_add_organisations, membership_add_professional
from conferences import services as conference_services
from conferences.forms import ActionForm
from safetyplan import services as plan_services
from safetyplan.forms import AgreementForm
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_partner, ready_to_start, sharing_basis
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    case = ready_to_start(CaseFactory())
    zvh = case.coordinator.organisation
    UserFactory(organisation=zvh, log_manager=True, first_name="Lotte", last_name="Log")
    UserFactory(organisation=zvh, functional_admin=True, first_name="Bert", last_name="Beheer")
    UserFactory(
        organisation=case.registering_organisation, partner=True, first_name="Piet", last_name="Pol"
    )
    return case


def groups(html: str) -> dict[str, list[str]]:
    found = {}
    for label, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', html, re.S):
        found[label] = re.findall(r"<option[^>]*>([^<]*)</option>", body)
    return found


def test_owner_lists_group_case_workers_by_organisation_and_leave_out_admin_roles(case):
    police = case.registering_organisation.name
    zvh = case.coordinator.organisation.name
    # A conference action's owners are the people named on the case (issue 14: a region's
    # thousands of users are never all offered), so Piet is named on it first.
    piet = case.registering_organisation.users.get(first_name="Piet")
    membership_add_professional(actor=case.coordinator, case=case, user=piet)
    for form in (ActionForm(case=case), AgreementForm(case=case)):
        html = str(form["owner_user"])
        people = groups(html)
        assert police in people and "Piet Pol" in people[police]
        assert case.coordinator.get_full_name() in people[zvh]
        everyone = [name for names in people.values() for name in names]
        assert "Lotte Log" not in everyone and "Bert Beheer" not in everyone
        assert "(" not in "".join(everyone)  # the organisation is the group, not a suffix


def test_the_professional_list_leaves_out_the_log_manager(case):
    html = str(ProfessionalMembershipForm(case=case)["user"])
    everyone = [name for names in groups(html).values() for name in names]
    assert "Piet Pol" in everyone and "Lotte Log" not in everyone and "Bert Beheer" not in everyone


def test_the_services_refuse_a_log_manager_as_owner_or_professional(case):
    log_manager = case.coordinator.organisation.users.get(first_name="Lotte")
    with pytest.raises(ValidationError) as refused:
        membership_add_professional(actor=case.coordinator, case=case, user=log_manager)
    assert "Deze persoon werkt niet aan casussen." in refused.value.messages
    world = PlanWorld()
    item = world.item(world.draft())
    stranger = UserFactory(organisation=world.police, log_manager=True)
    with pytest.raises(ValidationError) as refused:
        plan_services.agreement_create(
            actor=world.coordinator,
            item=item,
            description="Controle",
            owner_organisation=world.police,
            owner_user=stranger,
            due_date=item.next_evaluation,
            part="safety",
        )
    assert "Deze persoon werkt niet aan casussen." in refused.value.messages


def test_an_action_owner_must_work_on_cases(case):
    conference = conference_services.conference_schedule(
        actor=case.coordinator,
        kind="code_rood",
        starts_at=case.registered_at.replace(year=case.registered_at.year + 1),
        location="ZVH",
        cases=[case],
        organisations=[case.registering_organisation],
    )
    log_manager = case.coordinator.organisation.users.get(first_name="Lotte")
    with pytest.raises(ValidationError) as refused:
        conference_services.action_record(
            actor=case.coordinator,
            part=conference.parts.get(),
            description="Bellen",
            owner_organisation=case.coordinator.organisation,
            owner_user=log_manager,
            due_date=case.registered_at.date().replace(year=case.registered_at.year + 1),
        )
    assert "Deze persoon werkt niet aan casussen." in refused.value.messages


def test_several_partners_are_added_in_one_step(client, case):
    shelter = OrganisationFactory(kind=OrganisationKind.SHELTER, name="Opvang Een")
    probation = OrganisationFactory(kind=OrganisationKind.PROBATION, name="Reclassering Een")
    client.force_login(case.coordinator)
    response = client.post(
        reverse("casework:memberships", args=[case.pk]),
        {
            "kind": "organisation",
            "org-organisations": [shelter.pk, probation.pk],
            "org-purpose": sharing_basis()["purpose"].pk,
            "org-legal_basis": "wgs",
            "org-sharing_note": "Neemt deel aan het plan van aanpak (fictief).",
        },
    )
    assert response.status_code == 302
    taking_part = set(
        case.memberships.filter(user__isnull=True, removed_at__isnull=True).values_list(
            "organisation__name", flat=True
        )
    )
    assert {"Opvang Een", "Reclassering Een"} <= taking_part


def test_adding_partners_is_all_or_nothing(case):
    shelter = OrganisationFactory(kind=OrganisationKind.SHELTER, name="Opvang Twee")
    already = add_partner(case, kind=OrganisationKind.PROBATION, name="Reclassering Twee")
    # A stale page: the second organisation joined in the meantime.
    with pytest.raises(ValidationError):
        membership_add_organisations(
            actor=case.coordinator,
            case=case,
            organisations=[shelter, already],
            **sharing_basis(),
        )
    assert not case.memberships.filter(organisation=shelter).exists()
