# SPDX-License-Identifier: EUPL-1.2
"""Editing an agreement may keep a date that has since passed, but never set a new one in
the past."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from safetyplan import services
from safetyplan.models import SafetyAgreement
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


def _update(world, agreement, due_date):
    return services.agreement_update(
        actor=world.coordinator,
        agreement=agreement,
        description="Politie controleert het contactverbod (gewijzigd).",
        owner_organisation=world.police,
        due_date=due_date,
        lock_version=agreement.lock_version,
    )


def test_a_new_due_date_in_the_past_is_refused_with_a_dutch_message():
    world = PlanWorld()
    item = world.item(world.draft())
    agreement = world.agreement(item)
    with pytest.raises(ValidationError) as refused:
        _update(world, agreement, timezone.localdate() - datetime.timedelta(days=1))
    assert refused.value.message_dict["due_date"] == [
        "De nieuwe uiterste datum ligt in het verleden."
    ]
    agreement.refresh_from_db()
    assert agreement.due_date > timezone.localdate()


def test_an_unchanged_date_that_has_passed_may_stay():
    world = PlanWorld()
    item = world.item(world.draft())
    agreement = world.agreement(item)
    past = timezone.localdate() - datetime.timedelta(days=2)
    SafetyAgreement.objects.filter(pk=agreement.pk).update(due_date=past)
    agreement.refresh_from_db()
    updated = _update(world, agreement, past)
    assert updated.due_date == past
    assert updated.description.endswith("(gewijzigd).")
