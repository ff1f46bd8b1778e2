# SPDX-License-Identifier: EUPL-1.2
"""What users see of the time limits: the case section, the reason form, the report and the
manager's dashboard, with their refusals and pinned query counts."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AuditEntry
from tests.factories import UserFactory
from tests.factories.cases import add_partner, member_of
from tests.timeliness.conftest import adopted, discussed, entered_immediate_safety, registered
from timeliness.models import Target, TargetMiss
from timeliness.permissions import can_explain_miss
from timeliness.selectors import targets_case_section
from timeliness.services import target_miss_explain, targets_scan

pytestmark = pytest.mark.django_db
DAY = timedelta(days=1)


@pytest.fixture
def late():
    """A Code Rood case registered 20 days ago with nothing done, its misses recorded."""
    now = timezone.now()
    case = registered(now - 20 * DAY)
    targets_scan(now=now)
    return case


def _miss(case, target=Target.URGENT_DISCUSSED):
    return TargetMiss.objects.get(case=case, target=target)


def _text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_case_page_shows_where_the_case_stands(client, late):
    client.force_login(late.coordinator)
    page = _text(client.get(reverse("casework:case_detail", args=[late.pk])))
    assert "Streeftermijnen" in page
    assert "Code Rood besproken in een overleg" in page
    assert "Gemist" in page
    assert 'action="' + reverse("timeliness:reason", args=[late.pk, _miss(late).pk]) in page


def test_a_met_target_shows_as_met_and_a_partner_sees_no_reason_form(client):
    now = timezone.now()
    case = registered(now - 20 * DAY)
    discussed(case, case.registered_at + timedelta(hours=3))
    targets_scan(now=now)
    partner = member_of(case, add_partner(case))
    client.force_login(partner)
    page = _text(client.get(reverse("casework:case_detail", args=[case.pk])))
    assert "Gehaald" in page
    assert "Gemist" in page  # the plan and the phase are late
    assert "timeliness/" not in page and "/targets/" not in page


def test_the_section_costs_one_query(late, django_assert_num_queries):
    coordinator = late.coordinator
    assert can_explain_miss(coordinator, late)  # the case page has asked this already
    with django_assert_num_queries(1):
        section = targets_case_section(late, coordinator, timezone.now())
    assert {s.target for s in section["standings"]} == {
        Target.URGENT_DISCUSSED,
        Target.IMMEDIATE_SAFETY,
        Target.PLAN_ADOPTED,
    }
    assert all(s.may_explain for s in section["standings"])


def test_the_reason_is_recorded_from_the_case_page(client, late):
    client.force_login(late.coordinator)
    case_url = reverse("casework:case_detail", args=[late.pk])
    response = client.post(
        reverse("timeliness:reason", args=[late.pk, _miss(late).pk]),
        {"reason": "Aangemeld in het weekend.", "next": case_url},
    )
    assert response.status_code == 302 and response.url == case_url
    page = _text(client.get(case_url))
    assert "Aangemeld in het weekend." in page
    assert _miss(late).reason == "Aangemeld in het weekend."


def test_an_empty_reason_gets_a_dutch_message_on_the_page(client, late):
    client.force_login(late.coordinator)
    url = reverse("timeliness:reason", args=[late.pk, _miss(late).pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 200
    page = _text(response)
    assert "Schrijf op waarom de streeftermijn niet is gehaald." in page
    assert 'aria-invalid="true"' in page
    assert _miss(late).reason == ""


def test_a_too_long_reason_is_refused_and_kept(client, late):
    client.force_login(late.coordinator)
    typed = "Lang verhaal " * 200
    response = client.post(
        reverse("timeliness:reason", args=[late.pk, _miss(late).pk]), {"reason": typed}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Houd de reden korter dan 2000 tekens." in page
    assert typed.strip() in page


def test_an_outside_next_is_ignored(client, late):
    client.force_login(late.coordinator)
    response = client.post(
        reverse("timeliness:reason", args=[late.pk, _miss(late).pk]),
        {"reason": "Overleg vol.", "next": "https://example.org/"},
    )
    assert response.url == reverse("casework:case_detail", args=[late.pk])


def test_the_reason_form_is_not_there_for_others(client, late):
    url = reverse("timeliness:reason", args=[late.pk, _miss(late).pk])
    partner = member_of(late, add_partner(late))
    stranger = UserFactory(coordinator=True)
    manager = UserFactory(role=Role.MANAGER, organisation=late.coordinator.organisation)
    for user in (partner, stranger, manager):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    other = registered(timezone.now() - DAY)
    client.force_login(other.coordinator)
    # A miss of another case under this case's address is not found either.
    assert (
        client.get(reverse("timeliness:reason", args=[other.pk, _miss(late).pk])).status_code == 404
    )
    assert _miss(late).reason == ""


def test_the_report_lists_the_misses_with_their_reasons(client, late):
    target_miss_explain(actor=late.coordinator, miss=_miss(late), reason="Weekend (fictief).")
    manager = UserFactory(role=Role.MANAGER, organisation=late.coordinator.organisation)
    client.force_login(manager)
    page = _text(client.get(reverse("timeliness:report")))
    assert late.reference in page
    assert "Weekend (fictief)." in page
    assert "Nog geen reden" in page
    unexplained = _text(client.get(reverse("timeliness:report") + "?unexplained=on"))
    assert "Weekend (fictief)." not in unexplained and "Nog geen reden" in unexplained


def test_the_report_is_for_the_zvh_and_scoped_to_visible_cases(client, late):
    partner = member_of(late, add_partner(late))
    client.force_login(partner)
    assert client.get(reverse("timeliness:report")).status_code == 403
    partner_manager = UserFactory(role=Role.MANAGER, organisation=partner.organisation)
    client.force_login(partner_manager)
    assert client.get(reverse("timeliness:report")).status_code == 403
    other_zvh = UserFactory(coordinator=True)
    client.force_login(other_zvh)
    page = _text(client.get(reverse("timeliness:report")))
    assert late.reference not in page and "Geen gemiste streeftermijnen." in page
    client.logout()
    assert client.get(reverse("timeliness:report")).status_code == 302


def _misses(coordinator, n):
    now = timezone.now()
    for _ in range(n):
        registered(now - 20 * DAY, coordinator=coordinator)
    targets_scan(now=now)


@pytest.mark.parametrize("cases", [2, 25])
def test_the_report_query_count_does_not_grow(client, cases, django_assert_max_num_queries):
    coordinator = UserFactory(coordinator=True)
    _misses(coordinator, cases)
    client.force_login(coordinator)
    # 13: session and user (with the permissions), the shares' aggregate, the page's count
    # and rows, the access log of the cases shown (its lock and head one call on PostgreSQL).
    with django_assert_max_num_queries(13):
        response = client.get(reverse("timeliness:report"))
    assert response.status_code == 200
    rows = response.content.decode().count('<tr><td><a href="/cases/')
    assert rows == min(3 * cases, 50)


def test_the_dashboard_shows_the_share_met_per_target(client):
    now = timezone.now()
    coordinator = UserFactory(coordinator=True)
    met = registered(now - 20 * DAY, coordinator=coordinator)
    discussed(met, met.registered_at + timedelta(hours=2))
    entered_immediate_safety(met, met.registered_at + DAY)
    adopted(met, met.registered_at + 2 * DAY)
    missed = registered(now - 20 * DAY, coordinator=coordinator)
    registered(now - timedelta(hours=1), coordinator=coordinator)  # nothing due yet
    targets_scan(now=now)
    assert TargetMiss.objects.filter(case=met).count() == 1  # its weekly review
    assert TargetMiss.objects.filter(case=missed).count() == 3
    manager = UserFactory(role=Role.MANAGER, organisation=coordinator.organisation)
    client.force_login(manager)
    page = _text(client.get(reverse("overviews:manager")))
    assert "Streeftermijnen gehaald in" in page
    for target in (Target.URGENT_DISCUSSED, Target.IMMEDIATE_SAFETY, Target.PLAN_ADOPTED):
        row = re.search(rf'<tr data-target="{target}">(.*?)</tr>', page).group(1)
        assert "<td>2</td><td>1</td><td>50%</td>" in row
    weekly = re.search(r'<tr data-target="weekly_review">(.*?)</tr>', page).group(1)
    assert "<td>1</td><td>0</td><td>0%</td>" in weekly


@pytest.mark.parametrize("cases", [2, 20])
def test_the_dashboard_query_count_does_not_grow(client, cases, django_assert_max_num_queries):
    coordinator = UserFactory(coordinator=True)
    _misses(coordinator, cases)
    client.force_login(UserFactory(role=Role.MANAGER, organisation=coordinator.organisation))
    with django_assert_max_num_queries(24):
        response = client.get(reverse("overviews:manager"))
    assert response.status_code == 200
    assert "Streeftermijnen gehaald in" in response.content.decode()


def test_opening_the_reason_form_is_in_the_access_log(client, late):
    client.force_login(late.coordinator)
    miss = _miss(late)
    assert client.get(reverse("timeliness:reason", args=[late.pk, miss.pk])).status_code == 200
    entry = AuditEntry.objects.filter(case_id=late.pk, action="view").latest("pk")
    assert entry.object_type == "timeliness.TargetMiss" and entry.object_id == str(miss.pk)
