# SPDX-License-Identifier: EUPL-1.2
"""A case with a pleger, police (registering), probation and Veilig Thuis taking part."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.services.cases import membership_add_professional
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


@dataclass
class Track:
    case: object
    coordinator: object
    police: object
    probation: object
    vt_user: object
    stranger: object
    perpetrator: object
    victim: object
    social_user: object


@pytest.fixture
def track(db):
    case = CaseFactory()
    coordinator = case.coordinator
    probation_org = add_partner(case, OrganisationKind.PROBATION)
    veilig_thuis = add_partner(case, OrganisationKind.VEILIG_THUIS)
    social = add_partner(case, OrganisationKind.SOCIAL_TEAM)  # takes part, nobody named
    police = UserFactory(organisation=case.registering_organisation, username="agent")
    probation = UserFactory(organisation=probation_org, username="toezicht")
    vt_user = UserFactory(organisation=veilig_thuis, username="vt")
    social_user = UserFactory(organisation=social, username="wijk")
    for user in (police, probation, vt_user):
        membership_add_professional(actor=coordinator, case=case, user=user)
    victim = add_person(case)
    perpetrator = add_person(
        case, roles=["perpetrator"], first_name="Kees", last_name="Pleger-test"
    )
    return Track(
        case=case,
        coordinator=coordinator,
        police=police,
        probation=probation,
        vt_user=vt_user,
        stranger=UserFactory(organisation__kind=OrganisationKind.POLICE),
        perpetrator=perpetrator,
        victim=victim,
        social_user=social_user,
    )


def today() -> datetime.date:
    return timezone.localdate()


def days(n: int) -> datetime.date:
    return today() + datetime.timedelta(days=n)
