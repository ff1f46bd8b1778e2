# SPDX-License-Identifier: EUPL-1.2
"""A case with everything a huisverbod needs: police, Veilig Thuis, municipality, persons."""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from accounts.models import OrganisationKind
from casework.services.cases import membership_add_professional
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

AMS = ZoneInfo("Europe/Amsterdam")


def local(*args) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=AMS)


@dataclass
class World:
    case: object
    coordinator: object
    police: object
    official: object
    vt_user: object
    perpetrator: object
    victim: object
    child: object
    municipality: object
    veilig_thuis: object
    police_org: object


@pytest.fixture
def world(db):
    case = CaseFactory()
    coordinator = case.coordinator
    police_org = case.registering_organisation
    veilig_thuis = add_partner(case, OrganisationKind.VEILIG_THUIS)
    municipality = add_partner(case, OrganisationKind.MUNICIPALITY)
    police = UserFactory(organisation=police_org, partner=True, username="agent")
    official = UserFactory(organisation=municipality, municipality_official=True, username="ambt")
    vt_user = UserFactory(organisation=veilig_thuis, partner=True, username="vt")
    membership_add_professional(actor=coordinator, case=case, user=police)
    membership_add_professional(actor=coordinator, case=case, user=vt_user)
    victim = add_person(case)
    perpetrator = add_person(
        case, roles=["perpetrator"], first_name="Kees", last_name="Pleger", address="Straat 1"
    )
    child = add_person(
        case,
        roles=["child"],
        first_name="Tim",
        last_name="Pleger",
        date_of_birth=datetime.date(2015, 1, 1),
    )
    return World(
        case=case,
        coordinator=coordinator,
        police=police,
        official=official,
        vt_user=vt_user,
        perpetrator=perpetrator,
        victim=victim,
        child=child,
        municipality=municipality,
        veilig_thuis=veilig_thuis,
        police_org=police_org,
    )


def impose(world, imposed_at, *, now=None, person=None, **extra):
    from huisverbod.services import huisverbod_impose

    return huisverbod_impose(
        actor=world.police,
        case=world.case,
        person=person or world.perpetrator,
        imposed_at=imposed_at,
        imposed_by="assistant_prosecutor",
        contact_ban_persons=[world.victim],
        reachable_address="Logeeradres 5",
        now=now or imposed_at + datetime.timedelta(minutes=30),
        **extra,
    )
