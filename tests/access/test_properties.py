# SPDX-License-Identifier: EUPL-1.2
"""Property-based: for random organisations, users, cases and (removed) memberships, no
user ever sees a case, person or plan outside their grants."""

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts.models import OrganisationKind, Role
from accounts.roles import CASEWORK_ROLES
from casework.models import Case, CaseMembership, Person
from casework.selectors import case_qs_visible_to, persons_qs_visible_to
from casework.services.cases import (
    membership_add_organisation,
    membership_add_professional,
    membership_remove,
)
from safetyplan.models import SafetyPlan
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_person, sharing_basis

pytestmark = pytest.mark.django_db

PARTNER_KINDS = [
    OrganisationKind.POLICE,
    OrganisationKind.VEILIG_THUIS,
    OrganisationKind.SHELTER,
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.PROBATION,
]
ROLES = list(Role.values)
CASE_READING_ROLES = {
    Role.COORDINATOR,
    Role.PARTNER,
    Role.MANAGER,
    Role.MUNICIPALITY_OFFICIAL,
}


class _Rollback(Exception):
    pass


world = st.fixed_dictionaries(
    {
        # organisation 0 and 1 are ZVHs (each coordinates cases), the rest partners
        "partners": st.lists(st.sampled_from(PARTNER_KINDS), min_size=1, max_size=4),
        # users: (organisation index, role)
        "users": st.lists(
            st.tuples(st.integers(0, 5), st.sampled_from(ROLES)), min_size=1, max_size=8
        ),
        # cases: (coordinating ZVH, partners taking part, partners later removed,
        #         users named on the case)
        "cases": st.lists(
            st.tuples(
                st.integers(0, 1),
                st.sets(st.integers(0, 5), max_size=4),
                st.sets(st.integers(0, 5), max_size=2),
                st.sets(st.integers(0, 7), max_size=3),
            ),
            min_size=1,
            max_size=3,
        ),
    }
)


def _build(spec):
    zvhs = [OrganisationFactory(zvh=True) for _ in range(2)]
    partners = [OrganisationFactory(kind=kind) for kind in spec["partners"]]
    organisations = zvhs + partners
    users = []
    for org_index, role in spec["users"]:
        organisation = organisations[org_index % len(organisations)]
        users.append(UserFactory(organisation=organisation, role=role))
    for zvh_index, taking_part, removed, named in spec["cases"]:
        coordinator = UserFactory(organisation=zvhs[zvh_index], role=Role.COORDINATOR)
        users.append(coordinator)
        case = CaseFactory(coordinator=coordinator, registering_organisation=zvhs[zvh_index])
        add_person(case)
        SafetyPlan.objects.create(case=case, created_by=coordinator)
        memberships = {}
        for index in sorted(taking_part):
            if index >= len(partners):
                continue
            memberships[index] = membership_add_organisation(
                actor=coordinator, case=case, organisation=partners[index], **sharing_basis()
            )
        for user_index in sorted(named):
            if user_index >= len(users):
                continue
            user = users[user_index]
            taking = case.memberships.filter(
                organisation=user.organisation, user__isnull=True, removed_at__isnull=True
            ).exists()
            named_already = case.memberships.filter(user=user, removed_at__isnull=True).exists()
            # Only people who work on cases can be named (the service refuses the others).
            if taking and user.role in CASEWORK_ROLES and user != coordinator and not named_already:
                membership_add_professional(actor=coordinator, case=case, user=user)
        for index in sorted(removed):
            if index in memberships:
                membership_remove(actor=coordinator, case=case, membership=memberships[index])
    return users


def _granted_cases(user) -> set[int]:
    """The model of the rules, written independently of the selectors: a user reads a case
    when their role reads cases and their organisation currently takes part."""
    if not user.is_active or user.role not in CASE_READING_ROLES:
        return set()
    return set(
        CaseMembership.objects.filter(
            organisation=user.organisation, user__isnull=True, removed_at__isnull=True
        ).values_list("case_id", flat=True)
    )


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(spec=world)
def test_no_user_sees_a_case_person_or_plan_outside_their_grants(spec):
    try:
        with transaction.atomic():
            users = _build(spec)
            assert Case.objects.exists()
            for user in users:
                granted = _granted_cases(user)
                visible = set(case_qs_visible_to(user).values_list("pk", flat=True))
                assert visible == granted, (user.role, user.organisation.kind)
                persons = set(persons_qs_visible_to(user).values_list("case_id", flat=True))
                assert persons <= granted
                assert persons == {c for c in granted if Person.objects.filter(case_id=c).exists()}
                plans = set(
                    SafetyPlan.objects.filter(case__in=case_qs_visible_to(user)).values_list(
                        "case_id", flat=True
                    )
                )
                assert plans == granted
            raise _Rollback
    except _Rollback:
        pass
