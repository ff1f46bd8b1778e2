# SPDX-License-Identifier: EUPL-1.2
"""The coordinator's overview shows its long lists a page at a time, the most urgent first
(issue 14: 831 overdue dates and 148 stalled cases were one page of 143 KB), each list
paged on its own, and logs only the cases it shows."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from deadlines.models import Deadline
from overviews import selectors
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory

pytestmark = pytest.mark.django_db
URL = reverse("overviews:coordinator")


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "OVERVIEW_PAGE", 2)


def _overdue(coordinator, days_ago: list[int]) -> list:
    cases = []
    for days in days_ago:
        case = CaseFactory(coordinator=coordinator)
        Deadline.objects.create(
            case=case,
            kind="agreement",
            source_type="test.item",
            source_id=Deadline.objects.count() + 1,
            title=f"Afspraak {days} dagen verlopen",
            owner_organisation=case.registering_organisation,
            due_date=timezone.localdate() - datetime.timedelta(days=days),
        )
        cases.append(case)
    return cases


def _titles(html: str) -> list[str]:
    return [t for t in ("5", "4", "3", "2", "1") if f"Afspraak {t} dagen verlopen" in html]


def test_the_overdue_dates_come_a_page_at_a_time_the_oldest_first(client, small_pages):
    coordinator = UserFactory(coordinator=True)
    cases = _overdue(coordinator, [1, 5, 3, 2, 4])
    client.force_login(coordinator)
    first = client.get(URL).content.decode()
    assert _titles(first) == ["5", "4"]
    assert "verlopen=2" in first and "Pagina 1, 2 per pagina, de dringendste eerst" in first
    second = client.get(URL, {"verlopen": 2}).content.decode()
    assert _titles(second) == ["3", "2"]
    assert "verlopen=1" in second and "verlopen=3" in second
    assert _titles(client.get(URL, {"verlopen": 3}).content.decode()) == ["1"]
    # Only the cases on the page are in the access log.
    logged = set(
        AuditEntry.objects.filter(user_id=coordinator.pk, path=URL).values_list(
            "case_id", flat=True
        )
    )
    assert logged == {c.pk for c in cases}  # every case was shown on one of the three pages
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.get(URL, {"verlopen": 2})
    shown = set(AuditEntry.objects.filter(pk__gt=last, path=URL).values_list("case_id", flat=True))
    assert shown == {cases[2].pk, cases[3].pk}


def test_each_list_keeps_its_own_page(client, small_pages):
    coordinator = UserFactory(coordinator=True)
    _overdue(coordinator, [1, 5, 3, 2, 4])
    client.force_login(coordinator)
    html = client.get(URL, {"verlopen": 2, "stil": 3}).content.decode()
    # The overdue list's links keep the stalled list's page.
    assert '?stil=3&amp;verlopen=3"' in html and '?stil=3&amp;verlopen=1"' in html


@pytest.mark.parametrize("number", ["abc", "-4", "0", "1.5"])
def test_a_page_that_is_no_number_is_the_first_page(client, small_pages, number):
    coordinator = UserFactory(coordinator=True)
    _overdue(coordinator, [1, 5, 3])
    client.force_login(coordinator)
    response = client.get(URL, {"verlopen": number})
    assert response.status_code == 200
    assert _titles(response.content.decode()) == ["5", "3"]


def test_a_page_past_the_end_says_there_is_nothing_and_links_back(client, small_pages):
    coordinator = UserFactory(coordinator=True)
    _overdue(coordinator, [1, 5, 3])
    client.force_login(coordinator)
    html = client.get(URL, {"verlopen": 9}).content.decode()
    assert _titles(html) == [] and "Niets verlopen." in html and "verlopen=8" in html
    beyond = client.get(URL, {"verlopen": str(2**64)})
    assert beyond.status_code == 200 and "Niets verlopen." in beyond.content.decode()
