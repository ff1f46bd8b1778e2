# SPDX-License-Identifier: EUPL-1.2
"""Outcomes: the victim's own rating, recurrence within 12 months, the figures per year and
their CSV."""

import csv
import datetime
import io
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind, User
from audit.models import Action, AuditEntry
from casework.demo import demo_case
from casework.models import PersonLink
from casework.services.cases import incident_record, person_link_known
from casework.services.phases import case_transition, closure_decide, closure_request
from outcomes.models import VictimRating
from outcomes.selectors import outcomes_by_year
from outcomes.services import rating_record
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

pytestmark = pytest.mark.django_db


def _started(coordinator=None, *, victim=("Sanne", "de Vries", datetime.date(1990, 5, 17))):
    case = CaseFactory(**({"coordinator": coordinator} if coordinator else {}))
    first, last, born = victim
    person = add_person(case, first_name=first, last_name=last, date_of_birth=born)
    add_partner(case, OrganisationKind.VEILIG_THUIS)
    case = case_transition(case=case, name="start", actor=case.coordinator, reason="Start")
    return case, person


def _close(case, manager, reason="goals_reached"):
    closure_request(actor=case.coordinator, case=case, reason=reason, summary="Klaar.")
    closure_decide(actor=manager, case=case, approve=True, reason="Akkoord")
    case.refresh_from_db()
    return case


def _rate(case, person, moment, score, **extra):
    values = {
        "actor": case.coordinator,
        "case": case,
        "person": person,
        "moment": moment,
        "score": score,
        "rated_on": timezone.localdate(),
        "asked_by": "Olga (opvang)",
    }
    values.update(extra)
    return rating_record(**values)


def test_a_rating_is_recorded_once_per_moment_and_logged():
    case, victim = _started()
    _rate(case, victim, "start", 3)
    rating = _rate(case, victim, "start", 4)
    assert VictimRating.objects.get().score == 4 == rating.score
    actions = AuditEntry.objects.filter(object_type="outcomes.VictimRating").values_list(
        "action", flat=True
    )
    assert sorted(actions) == sorted([Action.CREATE, Action.UPDATE])


@pytest.mark.parametrize("score", [-1, 11, None])
def test_a_rating_outside_0_to_10_is_refused(score):
    case, victim = _started()
    with pytest.raises(ValidationError) as refused:
        _rate(case, victim, "start", score)
    assert refused.value.message_dict["score"] == ["Vul een cijfer van 0 tot en met 10 in."]
    assert not VictimRating.objects.exists()


def test_dates_moments_persons_and_askers_are_checked():
    case, victim = _started()
    child = add_person(case, roles=["child"], first_name="Tim")
    with pytest.raises(ValidationError) as refused:
        _rate(
            case,
            child,
            "closing",
            5,
            rated_on=timezone.localdate() + datetime.timedelta(days=2),
            asked_by=" ",
        )
    errors = refused.value.message_dict
    assert errors["person"] == ["Kies een slachtoffer van deze casus."]
    assert "pas worden vastgelegd als afsluiten is gevraagd" in errors["moment"][0]
    assert "ligt in de toekomst" in errors["rated_on"][0]
    assert errors["asked_by"] == ["Vul in wie het slachtoffer de vraag stelde."]


def test_the_start_rating_waits_for_the_start():
    case = CaseFactory()
    victim = add_person(case)
    with pytest.raises(ValidationError) as refused:
        _rate(case, victim, "start", 5)
    assert "nog niet gestart" in refused.value.message_dict["moment"][0]


def test_only_the_coordinator_records_a_rating(client):
    case, victim = _started()
    partner = UserFactory(organisation=case.registering_organisation)
    with pytest.raises(PermissionDenied):
        _rate(case, victim, "start", 5, actor=partner)
    client.force_login(partner)
    url = reverse("outcomes:rating_create", args=[case.pk])
    assert client.get(url).status_code == 404


def test_the_form_says_what_is_wrong_and_keeps_what_was_typed(client):
    case, victim = _started()
    client.force_login(case.coordinator)
    url = reverse("outcomes:rating_create", args=[case.pk]) + "?moment=start"
    form = client.get(url).content.decode()
    assert re.search(r'value="start"[^>]*checked', form)
    assert not re.search(r'value="closing"[^>]*checked', form)
    response = client.post(
        url,
        {
            "person": victim.pk,
            "moment": "start",
            "score": "12",
            "rated_on": timezone.localdate().isoformat(),
            "asked_by": "Vera (Veilig Thuis)",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vul een cijfer van 0 tot en met 10 in." in html
    assert 'value="12"' in html and "Vera (Veilig Thuis)" in html
    response = client.post(
        url,
        {
            "person": victim.pk,
            "moment": "start",
            "score": "4",
            "rated_on": timezone.localdate().isoformat(),
            "asked_by": "Vera (Veilig Thuis)",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("casework:case_detail", args=[case.pk])).content.decode()
    assert "4/10" in page and "Vera (Veilig Thuis)" in page


def _world():
    """Three cases closed this year by one ZVH: A (goals reached, rated 3 → 7, its victim
    registered again in a new case, confirmed as the same person), B (regular care, reopened with a new incident), C
    (other, nothing since)."""
    a, victim_a = _started(victim=("Eva", "Smit", datetime.date(1979, 4, 8)))
    coordinator = a.coordinator
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    b, _ = _started(coordinator, victim=("Ingrid", "Mulder", datetime.date(1970, 12, 1)))
    c, _ = _started(coordinator, victim=("Lotte", "Jansen", datetime.date(1993, 2, 11)))
    _rate(a, victim_a, "start", 3)
    a = _close(a, manager)
    _rate(a, victim_a, "closing", 7)
    b = _close(b, manager, reason="regular_care")
    c = _close(c, manager, reason="other")
    again = CaseFactory(coordinator=coordinator)
    returned = add_person(
        again, first_name="EVA", last_name="smit", date_of_birth=datetime.date(1979, 4, 8)
    )
    # The coordinator confirms "Already known?": the link is what counts (test_recurrence).
    person_link_known(actor=coordinator, person=returned, known=[victim_a])
    b = case_transition(case=b, name="reopen", actor=manager, reason="Nieuw incident")
    incident_record(
        actor=coordinator,
        case=b,
        occurred_at=timezone.now(),
        description="Opnieuw bedreigd (fictief).",
    )
    return coordinator, manager


def test_figures_per_year_count_goals_ratings_and_recurrence():
    coordinator, _manager = _world()
    (row,) = outcomes_by_year(coordinator, now=timezone.now())
    assert row.year == timezone.localdate().year
    assert (row.closed, row.goals_reached, row.goals_share) == (3, 1, 33)
    assert (row.back_within_12_months, row.back_share) == (2, 67)
    assert (row.rated, row.mean_start, row.mean_closing, row.mean_change) == (1, 3, 7, 4)
    assert row.complete is False
    later = timezone.now() + datetime.timedelta(days=800)
    assert outcomes_by_year(coordinator, now=later)[0].complete is True


def test_a_return_after_twelve_months_or_elsewhere_does_not_count():
    case, _victim = _started(victim=("Eva", "Smit", datetime.date(1979, 4, 8)))
    coordinator = case.coordinator
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    _close(case, manager)
    # The same victim in a case of another ZVH, which this coordinator cannot see.
    other = CaseFactory()
    add_person(other, first_name="Eva", last_name="Smit", date_of_birth=datetime.date(1979, 4, 8))
    (row,) = outcomes_by_year(coordinator, now=timezone.now())
    assert row.back_within_12_months == 0
    # A different date of birth is a different person.
    again = CaseFactory(coordinator=coordinator)
    add_person(again, first_name="Eva", last_name="Smit", date_of_birth=datetime.date(1979, 4, 9))
    assert outcomes_by_year(coordinator, now=timezone.now())[0].back_within_12_months == 0


def test_figures_are_read_in_a_fixed_number_of_queries(django_assert_num_queries):
    coordinator, _ = _world()
    with django_assert_num_queries(2) as few:  # closings with their recurrence, ratings
        outcomes_by_year(coordinator, now=timezone.now())
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    for n in range(3):
        case, victim = _started(
            coordinator, victim=(f"Vic{n}", "Test", datetime.date(1980, 1, n + 1))
        )
        _rate(case, victim, "start", n)
        _close(case, manager)
    with django_assert_num_queries(len(few.captured_queries)):
        assert outcomes_by_year(coordinator, now=timezone.now())[0].closed == 6


def test_dashboard_factsheet_and_csv_show_the_figures(client):
    coordinator, manager = _world()
    year = str(timezone.localdate().year)
    client.force_login(manager)
    dashboard = client.get(reverse("overviews:manager")).content.decode()
    assert "Uitkomsten per jaar van afsluiten" in dashboard
    assert "3,0 → 7,0" in dashboard or "3.0 → 7.0" in dashboard
    assert "32 %" in dashboard
    sheet = client.get(reverse("overviews:factsheet")).content.decode()
    assert f'data-year="{year}"' in sheet and "(67 %)" in sheet
    response = client.get(reverse("outcomes:csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["jaar", "afgesloten_casussen", "afgesloten_doelen_bereikt"]
    assert rows[1][:4] == [year, "3", "1", "33"]
    assert rows[1][5:8] == ["3,0", "7,0", "4,0"]
    assert rows[1][-3:] == ["2", "67", "nee"]
    assert AuditEntry.objects.filter(action=Action.EXPORT, path=reverse("outcomes:csv")).exists()


def test_partners_get_no_outcome_export(client):
    case, _ = _started()
    client.force_login(UserFactory(organisation=case.registering_organisation))
    assert client.get(reverse("outcomes:csv")).status_code == 403


def test_demo_ratings_load_idempotently():
    call_command("load_demo_data")
    call_command("load_demo_data")
    closed = demo_case("demo-afgesloten")
    scores = dict(VictimRating.objects.filter(case=closed).values_list("moment", "score"))
    assert scores == {"start": 3, "closing": 7}
    assert VictimRating.objects.filter(case=demo_case("demo-directe-veiligheid")).count() == 1
    # Ingrid is back within 12 months: a new case, confirmed as already known, counted once.
    again = demo_case("demo-terug")
    assert PersonLink.objects.filter(person__case=again, known_person__case=closed).count() == 1
    coordinator = User.objects.get(username="regisseur")
    (row,) = outcomes_by_year(coordinator, now=timezone.now())
    assert row.back_within_12_months == 1


def test_rating_pairs_are_summed_per_year_as_the_means_of_the_pairs():
    """Two victims rated at start and closing (3 → 7 and 6 → 4), one rated only at the
    start: two pairs, means 4.5 → 5.5, change +1.0, half of them improved (issue 14: the
    pairs are summed in SQL instead of read one by one)."""
    first, victim_1 = _started(victim=("Anna", "Bos", datetime.date(1981, 3, 3)))
    coordinator = first.coordinator
    manager = UserFactory(organisation=coordinator.organisation, manager=True)
    second, victim_2 = _started(coordinator, victim=("Bea", "Dijk", datetime.date(1982, 4, 4)))
    third, victim_3 = _started(coordinator, victim=("Cor", "Eik", datetime.date(1983, 5, 5)))
    for case, victim, start, closing in ((first, victim_1, 3, 7), (second, victim_2, 6, 4)):
        _rate(case, victim, "start", start)
        case = _close(case, manager)
        _rate(case, victim, "closing", closing)
    _rate(third, victim_3, "start", 9)
    _close(third, manager)
    (row,) = outcomes_by_year(coordinator, now=timezone.now())
    assert row.closed == 3
    assert (row.rated, row.mean_start, row.mean_closing, row.mean_change) == (2, 4.5, 5.5, 1.0)
    assert row.improved_share == 50
