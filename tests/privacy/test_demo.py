# SPDX-License-Identifier: EUPL-1.2
"""The demo world shows each privacy feature, loaded twice without duplicates."""

import pytest
from django.core.management import call_command

from casework.demo import demo_case
from deadlines.models import Deadline
from privacy.models import DataSubjectRequest, PersonInforming, Restriction, RetentionExtension

pytestmark = pytest.mark.django_db


def test_demo_privacy_data_loads_idempotently():
    call_command("load_demo_data")
    call_command("load_demo_data")
    assert DataSubjectRequest.objects.count() == 2  # an access and a restriction request
    assert Restriction.objects.filter(lifted_at__isnull=True).count() == 1
    assert PersonInforming.objects.filter(informed_on__isnull=False).count() == 1
    assert PersonInforming.objects.filter(postponed_until__isnull=False).count() == 1
    assert RetentionExtension.objects.filter(case=demo_case("demo-afgesloten")).count() == 1
    assert Deadline.objects.filter(kind="informing").exists()
