# SPDX-License-Identifier: EUPL-1.2
"""A case with an adopted plan, a running huisverbod and a conference action, and API
tokens issued and approved through the services, as two functional administrators would."""

import datetime
from dataclasses import dataclass

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import OrganisationKind
from api.models import Scope
from api.services import token_approve, token_issue
from casework.services.cases import membership_add_organisation, membership_remove
from huisverbod.services import huisverbod_impose
from safetyplan import services as plan
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_person, sharing_basis
from tests.safetyplan.helpers import item_fields

ALL_SCOPES = list(Scope.values)


@dataclass
class ApiWorld:
    case: object
    coordinator: object
    police: object
    victim: object
    version: object
    police_agreement: object
    huisverbod: object


def issue(organisation, *, scopes=None, approve=True, days=30):
    """(plaintext, token): issued by one functional administrator, approved by another."""
    admins = [UserFactory(organisation=None, role="", is_superuser=True) for _ in range(2)]
    issued = token_issue(
        actor=admins[0],
        organisation=organisation,
        name=f"Systeem van {organisation.name}",
        scopes=scopes or ALL_SCOPES,
        expires_at=timezone.now() + datetime.timedelta(days=days),
    )
    if approve:
        token_approve(actor=admins[1], token=issued.token)
    issued.token.refresh_from_db()
    return issued.plaintext, issued.token


def api_client(plaintext: str | None, **headers) -> Client:
    extra = {"HTTP_AUTHORIZATION": f"Bearer {plaintext}"} if plaintext else {}
    extra.update(headers)
    return Client(**extra)


def build_world(*, extra_org=None, agreement_for_extra=True) -> ApiWorld:
    """The case: ZVH coordinates, police registered it; `extra_org` takes part too and (if
    asked) owns an agreement in the adopted plan."""
    case = CaseFactory()
    coordinator = case.coordinator
    police = case.registering_organisation
    victim = add_person(case, confidential_address="Opvangstraat 9, Opvanghuis (fictief)")
    perpetrator = add_person(
        case,
        roles=("perpetrator",),
        first_name="Mark",
        last_name="Jansen",
        date_of_birth=datetime.date(1985, 5, 5),
    )
    if extra_org is not None:
        membership_add_organisation(
            actor=coordinator, case=case, organisation=extra_org, **sharing_basis()
        )
    draft = plan.plan_start_draft(actor=coordinator, case=case)
    item = plan.risk_item_create(actor=coordinator, version=draft, rank=1, **item_fields())
    plan.condition_create(actor=coordinator, item=item, text="Contactverbod (fictief).")
    due = timezone.localdate() + datetime.timedelta(days=7)
    police_agreement = plan.agreement_create(
        actor=coordinator,
        item=item,
        description="Politie controleert het contactverbod.",
        owner_organisation=police,
        due_date=due,
        part="safety",
    )
    if extra_org is not None and agreement_for_extra:
        plan.agreement_create(
            actor=coordinator,
            item=item,
            description="Eigen afspraak van de partner (fictief).",
            owner_organisation=extra_org,
            due_date=due,
            part="safety",
        )
    version = plan.plan_adopt(actor=coordinator, version=draft)
    officer = UserFactory(organisation=police, partner=True)
    now = timezone.now()
    huisverbod = huisverbod_impose(
        actor=officer,
        case=case,
        person=perpetrator,
        imposed_at=now - datetime.timedelta(days=1),
        imposed_by="assistant_prosecutor",
        contact_ban_persons=[victim],
        reachable_address="Logeeradres 5 (fictief)",
        now=now,
    )
    return ApiWorld(case, coordinator, police, victim, version, police_agreement, huisverbod)


def remove(world: ApiWorld, organisation) -> None:
    membership = world.case.memberships.get(
        organisation=organisation, user__isnull=True, removed_at__isnull=True
    )
    membership_remove(actor=world.coordinator, case=world.case, membership=membership)


@pytest.fixture
def world(db):
    return build_world()


KINDS = list(OrganisationKind.values)


@pytest.fixture
def new_org(db):
    return lambda kind: OrganisationFactory(kind=kind)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the cache; each test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
