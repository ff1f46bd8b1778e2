# SPDX-License-Identifier: EUPL-1.2
"""My work: the home page lists what is each professional's to do (issue 16)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from deadlines.models import Deadline
from overviews.selectors import my_work
from tests.factories import UserFactory
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


def _deadline(case, days, title, **owner):
    return Deadline.objects.create(
        case=case,
        kind="agreement",
        source_type="test.item",
        source_id=Deadline.objects.count() + 1000,
        title=title,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
        **owner,
    )


def test_a_partner_sees_their_organisations_work_overdue_first(client):
    world = PlanWorld()
    world.adopted(n_items=1)
    _deadline(world.case, -3, "Huisbezoek afleggen", owner_organisation=world.police)
    _deadline(
        world.case,
        5,
        "Mijn eigen afspraak",
        owner_organisation=world.police,
        owner_user=world.agent,
    )
    _deadline(world.case, 2, "Afspraak van Veilig Thuis", owner_organisation=world.vt)
    work = my_work(world.agent, now=timezone.now())
    titles = [d.title for d in work.deadlines]
    assert titles.index("Huisbezoek afleggen") == 0
    assert "Mijn eigen afspraak" in titles
    assert "Afspraak van Veilig Thuis" not in titles
    client.force_login(world.agent)
    html = client.get(reverse("home")).content.decode()
    assert "Mijn werk" in html
    assert "Huisbezoek afleggen" in html and "verlopen sinds" in html
    assert world.case.reference in html
    assert reverse("casework:case_detail", args=[world.case.pk]) in html
    # the adopted version still waits for the police's acknowledgement
    assert "Veiligheidsplannen om kennis van te nemen" in html
    assert reverse("safetyplan:plan", args=[world.case.pk]) in html
    assert AuditEntry.objects.filter(user_id=world.agent.pk, case_id=world.case.pk).exists()


def test_a_stranger_sees_nothing_of_the_case(client):
    world = PlanWorld()
    world.adopted(n_items=1)
    stranger = UserFactory(partner=True)
    client.force_login(stranger)
    html = client.get(reverse("home")).content.decode()
    assert world.case.reference not in html
    assert "Er staat niets voor u klaar." in html


def test_acknowledged_versions_leave_the_list():
    from safetyplan import services

    world = PlanWorld()
    version = world.adopted(n_items=1)
    assert [v.pk for v in my_work(world.vt_worker, now=timezone.now()).acknowledgements] == [
        version.pk
    ]
    services.plan_acknowledge(actor=world.vt_worker, version=version)
    assert my_work(world.vt_worker, now=timezone.now()).acknowledgements == []


def test_coordinator_sees_stalled_cases():
    world = PlanWorld()
    from casework.services.phases import case_transition
    from tests.factories.cases import add_partner

    add_partner(world.case)
    case_transition(case=world.case, name="start", actor=world.coordinator, reason="start")
    later = timezone.now() + datetime.timedelta(weeks=5)
    assert [c.pk for c in my_work(world.coordinator, now=later).stalled] == [world.case.pk]


@pytest.mark.parametrize("cases", [1, 5])
def test_query_count_is_independent_of_cases(client, django_assert_max_num_queries, cases):
    first = PlanWorld()
    first.adopted(n_items=1)
    for n in range(cases):
        world = PlanWorld() if n else first
        _deadline(world.case, n - 2, f"Afspraak {n}", owner_organisation=first.police)
    client.force_login(first.agent)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("home"))
    assert response.status_code == 200
