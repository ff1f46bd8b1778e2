# SPDX-License-Identifier: EUPL-1.2
"""Fake data for the production-shape test, run inside `manage.py shell` of that stack.

Not a test module: tests/release/test_production_shape.py runs these functions in a
separate process with the production settings and the application's database role.
"""

import datetime

from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import OrganisationKind
from tests.deadlines.conftest import World, impose
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

RECOVERY_CODE = "prodshape2fa"


def seed_login(username: str, password: str) -> None:
    user = UserFactory(coordinator=True, username=username)
    user.set_password(password)
    user.save()
    TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    device = StaticDevice.objects.create(user=user, name="recovery", confirmed=True)
    StaticToken.objects.create(device=device, token=RECOVERY_CODE)


def seed_due_huisverbod() -> int:
    """A huisverbod imposed 8 days and an hour ago (recorded by the case's coordinator): its
    day-7 and day-8 reminders are due."""
    case = CaseFactory()
    police_org = case.registering_organisation
    add_partner(case, OrganisationKind.VEILIG_THUIS)
    municipality = add_partner(case, OrganisationKind.MUNICIPALITY)
    victim = add_person(case)
    perpetrator = add_person(case, roles=["perpetrator"], first_name="Kees", last_name="Pleger")
    world = World(
        case=case, coordinator=case.coordinator, police=case.coordinator, official=None, vt_user=None,
        perpetrator=perpetrator, victim=victim, child=None, municipality=municipality,
        veilig_thuis=None, police_org=police_org,
    )  # fmt: skip
    now = timezone.now()
    impose(world, now - datetime.timedelta(days=8, hours=1), now=now)
    return case.pk


def seed_due_huisverboden(count: int) -> str:
    """`count` due huisverboden (see seed_due_huisverbod); their case ids, comma-separated."""
    return ",".join(str(seed_due_huisverbod()) for _ in range(count))
