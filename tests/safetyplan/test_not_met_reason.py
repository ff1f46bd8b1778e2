# SPDX-License-Identifier: EUPL-1.2
"""Issue 20: an agreement marked "not met" needs a reason, on the page where it is entered."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from safetyplan import services
from safetyplan.models import AgreementStatus
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db
MESSAGE = "Geef de reden waarom de afspraak niet is nagekomen."


def test_not_met_without_a_reason_is_refused_and_nothing_changes():
    world = PlanWorld()
    agreement = world.adopted().agreements.first()
    with pytest.raises(ValidationError) as refused:
        services.agreement_set_status(
            actor=world.agent,
            agreement=agreement,
            status=AgreementStatus.NOT_MET,
            notes="   ",
            lock_version=agreement.progress.lock_version,
        )
    assert refused.value.message_dict["notes"] == [MESSAGE]
    agreement.progress.refresh_from_db()
    assert agreement.progress.status == AgreementStatus.OPEN
    progress = services.agreement_set_status(
        actor=world.agent,
        agreement=agreement,
        status=AgreementStatus.NOT_MET,
        notes="Gezin was niet thuis bij de controle.",
        lock_version=agreement.progress.lock_version,
    )
    assert progress.status == AgreementStatus.NOT_MET


def test_the_page_asks_for_the_reason_and_keeps_the_choice(client):
    world = PlanWorld()
    agreement = world.adopted().agreements.first()
    client.force_login(world.agent)
    url = reverse(
        "safetyplan:agreement_status",
        kwargs={"case_pk": world.case.pk, "agreement_pk": agreement.pk},
    )
    response = client.post(url, {"status": "not_met", "notes": "", "lock_version": 1})
    html = response.content.decode()
    assert response.status_code == 200 and MESSAGE in html
    assert 'value="not_met"' in html and "checked" in html.split('value="not_met"')[1][:80]
    agreement.progress.refresh_from_db()
    assert agreement.progress.status == AgreementStatus.OPEN
