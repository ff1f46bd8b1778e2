# SPDX-License-Identifier: EUPL-1.2
"""Kept figures of the manager's dashboard and the factsheet (issue 14, overviews.kept):
computed once per user, page and year, shown with the moment they were computed,
recomputed by the worker after a quarter of an hour, at once with "Nu bijwerken", and
dropped when the user's scope changes."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from casework.services.phases import case_transition
from overviews.kept import figures_for
from overviews.models import FiguresPage, KeptFigures
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, ready_to_start

pytestmark = pytest.mark.django_db


def _manager_with_cases(n=2):
    coordinator = UserFactory(coordinator=True)
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    for _ in range(n):
        CaseFactory(coordinator=coordinator)
    return coordinator, manager


def _age(user, page, minutes):
    KeptFigures.objects.filter(user=user, page=page).update(
        computed_at=timezone.now() - datetime.timedelta(minutes=minutes)
    )


def test_the_first_view_computes_and_keeps_the_figures_and_says_when(client):
    _coordinator, manager = _manager_with_cases()
    client.force_login(manager)
    html = client.get(reverse("overviews:manager")).content.decode()
    kept = KeptFigures.objects.get(user=manager, page=FiguresPage.MANAGER)
    assert kept.year == timezone.localdate().year
    assert kept.figures["overview"]["by_phase"][0] == ["registered", 2]
    assert "Cijfers berekend op" in html and "Nu bijwerken" in html
    assert "Ze worden elk kwartier opnieuw berekend." in html


def test_a_second_view_reads_the_kept_row_instead_of_counting_again(client):
    coordinator, manager = _manager_with_cases()
    client.force_login(manager)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("overviews:manager"))
    computed = len(first.captured_queries)
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("overviews:manager"))
    assert len(second.captured_queries) <= computed - 8
    sql = " ".join(q["sql"] for q in second.captured_queries)
    # none of the aggregates: ratings, the medians, huisverboden, conferences held
    for table in (
        "outcomes_victimrating",
        "percentile_cont",
        "casework_huisverbod",
        "conferences_",
    ):
        assert table not in sql


def test_fresh_figures_stay_and_stale_ones_are_recomputed_by_the_worker(
    client, django_capture_on_commit_callbacks
):
    coordinator, manager = _manager_with_cases(2)
    client.force_login(manager)
    client.get(reverse("overviews:manager"))
    CaseFactory(coordinator=coordinator)  # a third case
    kept = KeptFigures.objects.get(user=manager)
    # Within the quarter the kept figures are shown as they are.
    client.get(reverse("overviews:manager"))
    assert KeptFigures.objects.get(user=manager).figures == kept.figures
    # Older: the page shows them and asks the worker (eager in tests) for new ones.
    _age(manager, FiguresPage.MANAGER, 20)
    with django_capture_on_commit_callbacks(execute=True) as asked:
        html = client.get(reverse("overviews:manager")).content.decode()
    assert len(asked) == 1
    assert "Nieuwere cijfers worden berekend" in html
    refreshed = KeptFigures.objects.get(user=manager)
    assert refreshed.figures["overview"]["by_phase"][0] == ["registered", 3]
    assert refreshed.refresh_asked_at is None
    assert refreshed.computed_at > kept.computed_at


def test_figures_older_than_a_day_are_computed_by_the_page_itself(client):
    coordinator, manager = _manager_with_cases(1)
    client.force_login(manager)
    client.get(reverse("overviews:factsheet"))
    started = ready_to_start(CaseFactory(coordinator=coordinator))
    case_transition(case=started, name="start", actor=coordinator, reason="start")
    _age(manager, FiguresPage.FACTSHEET, 25 * 60)
    client.get(reverse("overviews:factsheet"))
    kept = KeptFigures.objects.get(user=manager, page=FiguresPage.FACTSHEET)
    assert timezone.now() - kept.computed_at < datetime.timedelta(minutes=1)
    assert kept.refresh_asked_at is None


def test_refresh_now_recomputes_and_returns_to_the_page(client):
    coordinator, manager = _manager_with_cases(1)
    client.force_login(manager)
    year = timezone.localdate().year
    client.get(reverse("overviews:manager"))
    CaseFactory(coordinator=coordinator)
    response = client.post(
        reverse("overviews:figures_refresh"), {"page": "manager", "year": str(year)}, follow=True
    )
    assert response.redirect_chain[-1][0] == f"{reverse('overviews:manager')}?year={year}"
    assert "De cijfers zijn bijgewerkt." in response.content.decode()
    kept = KeptFigures.objects.get(user=manager, page=FiguresPage.MANAGER)
    assert kept.figures["overview"]["by_phase"][0] == ["registered", 2]


def test_refresh_is_refused_to_other_roles_other_pages_and_get(client):
    coordinator, manager = _manager_with_cases(1)
    url = reverse("overviews:figures_refresh")
    client.force_login(coordinator)
    assert client.post(url, {"page": "manager", "year": "2026"}).status_code == 403
    # a coordinator may refresh the factsheet, which they may read
    assert client.post(url, {"page": "factsheet", "year": "2026"}).status_code == 302
    assert client.post(url, {"page": "elders", "year": "2026"}).status_code == 404
    partner = UserFactory()
    client.force_login(partner)
    assert client.post(url, {"page": "factsheet"}).status_code == 403
    client.force_login(manager)
    assert client.get(url).status_code == 405
    # a year that is no year shows this year's figures
    response = client.post(url, {"page": "manager", "year": "'; DROP"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?year={timezone.localdate().year}")
    assert not KeptFigures.objects.filter(user=partner).exists()


def test_kept_figures_are_per_user(client):
    _coordinator, manager = _manager_with_cases(2)
    other_coordinator, other_manager = _manager_with_cases(5)
    client.force_login(manager)
    client.get(reverse("overviews:manager"))
    client.force_login(other_manager)
    client.get(reverse("overviews:manager"))
    mine = KeptFigures.objects.get(user=manager).figures["overview"]["by_phase"][0]
    theirs = KeptFigures.objects.get(user=other_manager).figures["overview"]["by_phase"][0]
    assert (mine, theirs) == (["registered", 2], ["registered", 5])


def test_a_changed_role_organisation_or_team_drops_the_kept_figures(client):
    _coordinator, manager = _manager_with_cases(1)
    now = timezone.now()
    year = now.year

    def keep():
        figures_for(manager, FiguresPage.MANAGER, year, now=now)
        assert KeptFigures.objects.filter(user=manager).exists()

    keep()
    manager.last_login = now
    manager.save(update_fields=["last_login"])  # a login keeps them
    assert KeptFigures.objects.filter(user=manager).exists()
    manager.role = "coordinator"
    manager.save()
    assert not KeptFigures.objects.filter(user=manager).exists()
    keep()
    team = Group.objects.create(name="Extra team")
    manager.groups.add(team)
    assert not KeptFigures.objects.filter(user=manager).exists()
    keep()
    team.user_set.remove(manager)
    assert not KeptFigures.objects.filter(user=manager).exists()
    keep()
    team.user_set.add(manager)
    keep()
    team.user_set.clear()
    assert not KeptFigures.objects.filter(user=manager).exists()


def test_kept_figures_read_in_the_readers_language(client):
    """Phases are kept by their value: computed in Dutch, read in English."""
    _coordinator, manager = _manager_with_cases(1)
    client.force_login(manager)
    client.get(reverse("overviews:manager"))
    with translation.override("en"):
        html = client.get(reverse("overviews:manager"), HTTP_ACCEPT_LANGUAGE="en").content
    assert b"Referred" in html and b"Aangemeld" not in html


def test_a_user_deactivated_before_the_worker_runs_gets_no_new_figures():
    from overviews.tasks import refresh_kept_figures

    _coordinator, manager = _manager_with_cases(1)
    figures_for(manager, FiguresPage.MANAGER, 2026, now=timezone.now())
    type(manager).objects.filter(pk=manager.pk).update(is_active=False)
    refresh_kept_figures(user_id=manager.pk, page="manager", year=2026)
    assert not KeptFigures.objects.filter(user=manager).exists()


def test_the_worker_keeps_no_dashboard_for_a_user_who_is_no_manager_any_more():
    """A refresh asked while a manager, run after the role changed (an update that sends
    no signal): no dashboard figures; the factsheet, which a coordinator may read, stays."""
    from overviews.tasks import refresh_kept_figures

    _coordinator, manager = _manager_with_cases(1)
    for page in (FiguresPage.MANAGER, FiguresPage.FACTSHEET):
        figures_for(manager, page, 2026, now=timezone.now())
    type(manager).objects.filter(pk=manager.pk).update(role="coordinator")
    refresh_kept_figures(user_id=manager.pk, page="manager", year=2026)
    refresh_kept_figures(user_id=manager.pk, page="factsheet", year=2026)
    assert list(KeptFigures.objects.filter(user=manager).values_list("page", flat=True)) == [
        "factsheet"
    ]
