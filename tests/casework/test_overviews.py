# SPDX-License-Identifier: EUPL-1.2
"""Coordinator's and manager's overviews and the factsheet: figures, scope, query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from casework.services.phases import case_transition
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline
from huisverbod.models import Huisverbod, Toetsing
from overviews.selectors import coordinator_overview, factsheet, manager_overview
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start

pytestmark = pytest.mark.django_db


def _deadline(case, days, title="Afspraak"):
    return Deadline.objects.create(
        case=case,
        kind="agreement",
        source_type="test.item",
        source_id=Deadline.objects.count() + 1,
        title=title,
        owner_organisation=case.registering_organisation,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_coordinator_overview_shows_my_week(client):
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case_transition(case=case, name="start", actor=coordinator, reason="start")
    CaseFactory(coordinator=coordinator)
    _deadline(case, 3, "Contactverbod controleren")
    _deadline(case, -2, "Huisbezoek")
    overview = coordinator_overview(coordinator, now=timezone.now())
    counts = {value: n for value, _label, n in overview.phase_counts}
    assert counts["immediate_safety"] == 1 and counts["registered"] == 1
    assert [d.title for d in overview.upcoming_deadlines] == ["Contactverbod controleren"]
    assert [d.title for d in overview.overdue] == ["Huisbezoek"]
    client.force_login(coordinator)
    html = client.get(reverse("overviews:coordinator")).content.decode()
    assert "Contactverbod controleren" in html and "Huisbezoek" in html


def test_stalled_cases_are_listed_after_four_weeks(monkeypatch):
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case_transition(case=case, name="start", actor=coordinator, reason="start")
    later = timezone.now() + datetime.timedelta(weeks=5)
    assert [c.pk for c in coordinator_overview(coordinator, now=later).stalled] == [case.pk]
    assert coordinator_overview(coordinator, now=timezone.now()).stalled == []


def test_overviews_refuse_other_roles(client):
    client.force_login(UserFactory(partner=True))
    assert client.get(reverse("overviews:coordinator")).status_code == 403
    assert client.get(reverse("overviews:manager")).status_code == 403
    assert client.get(reverse("overviews:factsheet")).status_code == 403


def _known_world():
    """Two Code Rood cases in Enschede, one MDA++ in Hengelo; toetsingen and huisverboden."""
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    enschede = [ready_to_start(CaseFactory(coordinator=coordinator)) for _ in range(2)]
    from casework.models import Municipality

    hengelo = ready_to_start(
        CaseFactory(
            coordinator=coordinator,
            track="mda",
            municipality=Municipality.objects.get(name="Hengelo"),
        )
    )
    year = timezone.localdate().year
    imposed = datetime.datetime(year, 3, 1, 12, 0, tzinfo=AMSTERDAM)
    for case, outcome in [
        (enschede[0], "huisverbod"),
        (enschede[1], "no_huisverbod"),
        (hengelo, "huisverbod"),
    ]:
        toetsing = Toetsing.objects.create(
            case=case,
            assessed_at=imposed,
            participants="HOvJ, Veilig Thuis",
            outcome=outcome,
            recorded_by=coordinator,
        )
        if outcome == "huisverbod":
            perpetrator = add_person(case, first_name="Piet", roles=("perpetrator",))
            Huisverbod.objects.create(
                case=case,
                toetsing=toetsing,
                person=perpetrator,
                imposed_at=imposed,
                imposed_by="mayor",
                ends_at=imposed + datetime.timedelta(days=10),
                recorded_by=coordinator,
                extended_at=imposed + datetime.timedelta(days=8) if case is hengelo else None,
            )
    return coordinator, manager, year


def test_factsheet_figures_against_a_known_data_set():
    coordinator, manager, year = _known_world()
    sheet = factsheet(manager, year=year)
    assert sheet.code_rood_cases == 2
    assert sheet.toetsingen == 3
    assert sheet.toetsingen_without_huisverbod == 1
    assert sheet.huisverboden == 2
    assert sheet.extended == 1
    rows = {r.municipality: r for r in sheet.rows}
    assert (
        rows["Enschede"].code_rood_cases,
        rows["Enschede"].toetsingen,
        rows["Enschede"].huisverboden,
    ) == (2, 2, 1)
    assert (
        rows["Hengelo"].code_rood_cases,
        rows["Hengelo"].huisverboden,
        rows["Hengelo"].extended,
    ) == (0, 1, 1)
    empty = factsheet(manager, year=year - 3)
    assert (empty.toetsingen, empty.huisverboden) == (0, 0)


def test_manager_overview_and_csv(client):
    coordinator, manager, year = _known_world()
    overview = manager_overview(manager, now=timezone.now())
    assert dict(overview.by_track) == {"Code Rood": 2, "MDA++": 1}
    assert overview.huisverboden_this_year == 2 and overview.extended_share == 50
    client.force_login(manager)
    html = client.get(reverse("overviews:manager")).content.decode()
    assert "<svg" in html and "Casussen per gemeente" in html
    csv = client.get(reverse("overviews:manager_csv")).content.decode()
    assert "gemeente;Enschede;2" in csv
    assert f"huisverboden;opgelegd in {year};2" in csv


def test_median_durations():
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    case_transition(case=case, name="start", actor=coordinator, reason="start")
    overview = manager_overview(manager, now=timezone.now())
    assert overview.median_days_to_immediate is not None
    assert overview.median_days_to_immediate < 1
    assert overview.median_days_to_stable is None


def test_overview_query_counts_do_not_grow_with_data(client, django_assert_max_num_queries):
    coordinator, manager, _ = _known_world()
    for _ in range(10):
        case = ready_to_start(CaseFactory(coordinator=coordinator))
        _deadline(case, -1)
        _deadline(case, 2)
    client.force_login(coordinator)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("overviews:coordinator")).status_code == 200
    client.force_login(manager)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("overviews:manager")).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("overviews:factsheet")).status_code == 200


def test_coordinator_overview_counts_down_every_running_huisverbod(client):
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    perpetrator = add_person(case, first_name="Piet", roles=("perpetrator",))
    now = timezone.now()
    Huisverbod.objects.create(
        case=case,
        person=perpetrator,
        imposed_at=now - datetime.timedelta(days=1),
        imposed_by="mayor",
        ends_at=now + datetime.timedelta(days=9, hours=3, minutes=30),
        recorded_by=coordinator,
    )
    overview = coordinator_overview(coordinator, now=now)
    assert [(c.days, c.hours) for c in overview.huisverboden] == [(9, 3)]
    client.force_login(coordinator)
    html = client.get(reverse("overviews:coordinator")).content.decode()
    assert "nog 9 dagen en 3 uur" in html and case.reference in html


def test_overviews_record_the_cases_they_show(client):
    from audit.models import AuditEntry

    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    _deadline(case, 2, "Afspraak in beeld")
    client.force_login(coordinator)
    client.get(reverse("overviews:coordinator"))
    assert AuditEntry.objects.filter(
        action="view", case_id=case.pk, path=reverse("overviews:coordinator")
    ).exists()
