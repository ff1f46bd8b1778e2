# SPDX-License-Identifier: EUPL-1.2
"""Case conferences: scheduling, agenda, running, frozen minutes, visibility, iCalendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.models import Phase
from casework.services.cases import membership_add_professional
from casework.services.phases import case_transition, closure_request
from conferences import services
from conferences.models import AgendaKind, Attendance
from deadlines.models import Deadline
from notifications.models import Notification
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_incident, add_partner, ready_to_start

pytestmark = pytest.mark.django_db


def next_week():
    return timezone.now() + datetime.timedelta(days=7)


@pytest.fixture
def two_cases():
    coordinator = UserFactory(coordinator=True)
    first = ready_to_start(CaseFactory(coordinator=coordinator))
    second = ready_to_start(CaseFactory(coordinator=coordinator))
    return coordinator, first, second


def schedule(coordinator, cases, **overrides):
    organisations = {m.organisation for c in cases for m in c.memberships.filter(user__isnull=True)}
    kwargs = {
        "actor": coordinator,
        "kind": "code_rood",
        "starts_at": next_week(),
        "location": "ZVH Twente, zaal 2",
        "cases": cases,
        "organisations": sorted(organisations, key=lambda o: o.pk),
    }
    kwargs.update(overrides)
    return services.conference_schedule(**kwargs)


def schedule_held(coordinator, cases):
    """A conference that started an hour ago (planned the day before)."""
    now = timezone.now()
    return schedule(
        coordinator,
        cases,
        starts_at=now - datetime.timedelta(hours=1),
        now=now - datetime.timedelta(days=1),
    )


def agenda_kinds(conference, case):
    return list(conference.parts.get(case=case).agenda.values_list("kind", flat=True))


def test_agenda_proposes_new_case_incident_overdue_and_closure(two_cases):
    coordinator, first, second = two_cases
    add_incident(first)
    Deadline.objects.create(
        case=first,
        kind="agreement",
        source_type="test.item",
        source_id=1,
        title="Contactverbod controleren",
        owner_organisation=first.registering_organisation,
        due_date=timezone.localdate() - datetime.timedelta(days=2),
    )
    second = case_transition(case=second, name="start", actor=coordinator, reason="start")
    closure_request(actor=coordinator, case=second, reason="goals_reached", summary="Klaar")
    conference = schedule(coordinator, [first, second])
    assert set(agenda_kinds(conference, first)) >= {
        AgendaKind.NEW_CASE,
        AgendaKind.NEW_INCIDENT,
        AgendaKind.OVERDUE,
    }
    assert AgendaKind.CLOSURE in agenda_kinds(conference, second)
    overdue = conference.parts.get(case=first).agenda.get(kind=AgendaKind.OVERDUE)
    assert "Contactverbod controleren" in overdue.text


def test_conference_in_the_past_is_refused(two_cases):
    coordinator, first, _ = two_cases
    with pytest.raises(ValidationError) as refused:
        schedule(coordinator, [first], starts_at=timezone.now() - datetime.timedelta(hours=1))
    assert "Een overleg kan niet in het verleden worden gepland." in refused.value.messages


def test_urgent_conference_is_within_24_hours(two_cases):
    coordinator, first, _ = two_cases
    with pytest.raises(ValidationError) as refused:
        schedule(
            coordinator,
            [first],
            kind="urgent",
            starts_at=timezone.now() + datetime.timedelta(hours=30),
        )
    assert "Een spoedoverleg vindt binnen 24 uur plaats." in refused.value.messages
    schedule(
        coordinator, [first], kind="urgent", starts_at=timezone.now() + datetime.timedelta(hours=20)
    )


def test_participant_organisation_must_take_part_in_a_case(two_cases):
    coordinator, first, _ = two_cases
    stranger = OrganisationFactory(name="Niet Betrokken", kind=OrganisationKind.MENTAL_HEALTH)
    with pytest.raises(ValidationError) as refused:
        schedule(coordinator, [first], organisations=[stranger])
    assert any("Niet Betrokken" in m for m in refused.value.messages)


def test_action_needs_owner_and_due_date_and_enters_the_deadline_engine(two_cases):
    coordinator, first, _ = two_cases
    conference = schedule(coordinator, [first])
    part = conference.parts.get()
    with pytest.raises(ValidationError) as refused:
        services.action_record(
            actor=coordinator,
            part=part,
            description="Huisbezoek",
            owner_organisation=None,
            owner_user=None,
            due_date=None,
        )
    messages = refused.value.messages
    assert "Kies de organisatie die de actie uitvoert." in messages
    assert "Vul een uiterste datum in." in messages
    due = timezone.localdate() + datetime.timedelta(days=5)
    action = services.action_record(
        actor=coordinator,
        part=part,
        description="Huisbezoek",
        owner_organisation=first.registering_organisation,
        owner_user=None,
        due_date=due,
        no_risk_reason="De casus heeft nog geen veiligheidsplan.",
    )
    deadline = Deadline.objects.get(source_type="conferences.action", source_id=action.pk)
    assert (deadline.kind, deadline.due_date, deadline.case) == ("action", due, first)


def test_adopted_minutes_are_frozen_and_participants_notified(
    two_cases, django_capture_on_commit_callbacks
):
    coordinator, first, _ = two_cases
    member = UserFactory(organisation=first.registering_organisation, partner=True)
    conference = schedule_held(coordinator, [first])
    part = conference.parts.get()
    services.decision_record(
        actor=coordinator, part=part, text="Contactverbod handhaven", proposal="none"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_adopt(actor=coordinator, conference=conference)
    assert Notification.objects.filter(recipient=member, kind="minutes").exists()
    with pytest.raises(ValidationError) as refused:
        services.decision_record(
            actor=coordinator, part=part, text="Later toegevoegd", proposal="none"
        )
    assert "Het verslag is vastgesteld en kan niet meer worden gewijzigd." in refused.value.messages
    with pytest.raises(ValidationError):
        services.part_notes_update(actor=coordinator, part=part, notes="gewijzigd")


def test_decision_proposing_a_transition_goes_through_the_phase_service(two_cases):
    coordinator, first, _ = two_cases
    conference = schedule(coordinator, [first])
    part = conference.parts.get()
    decision = services.decision_record(
        actor=coordinator,
        part=part,
        text="Start directe veiligheid",
        proposal="transition",
        proposed_transition="start",
    )
    case = services.decision_carry_out(actor=coordinator, decision=decision)
    assert case.phase == Phase.IMMEDIATE_SAFETY
    assert "Start directe veiligheid" in case.history.get().reason


def test_each_partner_sees_only_their_cases_part(client, two_cases):
    coordinator, first, second = two_cases
    shelter = add_partner(second, kind=OrganisationKind.SHELTER)
    shelter_worker = UserFactory(organisation=shelter, partner=True)
    conference = schedule(coordinator, [first, second])
    client.force_login(shelter_worker)
    html = client.get(
        reverse("conferences:conference_detail", args=[conference.pk])
    ).content.decode()
    assert second.reference in html
    assert first.reference not in html
    ics = client.get(reverse("conferences:conference_ics", args=[conference.pk])).content.decode()
    assert second.reference in ics and first.reference not in ics
    outsider = UserFactory(organisation=OrganisationFactory(police=True), partner=True)
    client.force_login(outsider)
    assert (
        client.get(reverse("conferences:conference_detail", args=[conference.pk])).status_code
        == 404
    )


def test_icalendar_holds_no_personal_data(client, two_cases):
    coordinator, first, _ = two_cases
    conference = schedule(coordinator, [first])
    client.force_login(coordinator)
    response = client.get(reverse("conferences:conference_ics", args=[conference.pk]))
    body = response.content.decode()
    assert response["Content-Type"] == "text/calendar"
    assert "BEGIN:VEVENT" in body and "Wekelijkse Code Rood-tafel" in body
    assert first.reference in body and "ZVH Twente" in body
    for person in first.persons.all():
        assert person.last_name not in body and person.first_name not in body


def test_running_the_conference_through_the_page(client, two_cases):
    coordinator, first, _ = two_cases
    conference = schedule_held(coordinator, [first])
    part = conference.parts.get()
    client.force_login(coordinator)
    response = client.post(
        reverse("conferences:attendance", args=[conference.pk]),
        {
            "attendance-organisation": first.registering_organisation.pk,
            "attendance-status": "present",
        },
    )
    assert response.status_code == 302
    assert Attendance.objects.get(conference=conference).status == "present"
    # An action without owner or date: refused on the page, the typed text stays.
    response = client.post(
        reverse("conferences:action", args=[conference.pk, part.pk]),
        {f"p{part.pk}-action-description": "Mijn actie"},
    )
    html = response.content.decode()
    assert "Kies de organisatie die de actie uitvoert." in html
    assert 'value="Mijn actie"' in html
    client.post(reverse("conferences:minutes_adopt", args=[conference.pk]), {"confirm": "yes"})
    response = client.post(
        reverse("conferences:part_notes", args=[conference.pk, part.pk]),
        {f"p{part.pk}-notes-notes": "Te laat"},
    )
    assert (
        "Het verslag is vastgesteld en kan niet meer worden gewijzigd." in response.content.decode()
    )


def test_each_operation_has_its_own_url_and_refuses_what_is_not_there(client, two_cases):
    coordinator, first, second = two_cases
    conference = schedule(coordinator, [first])
    part = conference.parts.get()
    client.force_login(coordinator)
    detail = reverse("conferences:conference_detail", args=[conference.pk])
    assert client.post(detail, {"op": "adopt"}).status_code == 405  # no switch on the page
    missing_part = reverse("conferences:part_notes", args=[conference.pk, part.pk + 999])
    assert client.post(missing_part, {}).status_code == 404
    missing_point = reverse("conferences:agenda_move", args=[conference.pk, part.pk, 10**6])
    assert client.post(missing_point, {"direction": "up"}).status_code == 404
    assert client.get(reverse("conferences:minutes_adopt", args=[conference.pk])).status_code in (
        404,
        405,
    )
    conference.refresh_from_db()
    assert not conference.is_frozen


def test_conference_page_query_count(client, django_assert_max_num_queries, two_cases):
    coordinator, first, second = two_cases
    conference = schedule(coordinator, [first, second])
    client.force_login(coordinator)
    with django_assert_max_num_queries(60):
        assert (
            client.get(reverse("conferences:conference_detail", args=[conference.pk])).status_code
            == 200
        )


def test_agenda_proposes_escalations_and_huisverbod_deadlines(two_cases):
    from deadlines.models import Escalation
    from huisverbod.models import Huisverbod
    from tests.factories.cases import add_person

    coordinator, first, _ = two_cases
    deadline = Deadline.objects.create(
        case=first,
        kind="agreement",
        source_type="test.item",
        source_id=7,
        title="Afspraak",
        owner_organisation=first.registering_organisation,
        due_date=timezone.localdate() - datetime.timedelta(days=9),
    )
    now = timezone.now()
    Escalation.objects.create(
        case=first,
        deadline=deadline,
        due_date=deadline.due_date,
        owner_organisation=first.registering_organisation,
        raised_at=now,
        response_due_at=now + datetime.timedelta(days=2),
    )
    perpetrator = add_person(first, first_name="Piet", roles=("perpetrator",))
    Huisverbod.objects.create(
        case=first,
        person=perpetrator,
        imposed_at=now - datetime.timedelta(days=5),
        imposed_by="mayor",
        ends_at=now + datetime.timedelta(days=5),
        recorded_by=coordinator,
    )
    conference = schedule(coordinator, [first])
    kinds = agenda_kinds(conference, first)
    assert AgendaKind.ESCALATION in kinds
    assert AgendaKind.HUISVERBOD in kinds


def test_coordinator_adds_and_reorders_agenda_points(two_cases):
    coordinator, first, _ = two_cases
    conference = schedule(coordinator, [first])
    part = conference.parts.get()
    added = services.agenda_add_point(actor=coordinator, part=part, text="Schoolsituatie kinderen")
    services.agenda_move_point(actor=coordinator, point=added, up=True)
    texts = list(part.agenda.values_list("text", flat=True))
    assert texts[-2] == "Schoolsituatie kinderen"
    with pytest.raises(ValidationError):
        services.agenda_add_point(actor=coordinator, part=part, text="  ")


def test_agenda_proposes_a_dropped_safety_scale_and_not_met_agreements(two_cases):
    from safetyplan.models import AgreementProgress, Risk, SafetyPlan, ScaleScore

    coordinator, first, _ = two_cases
    plan = SafetyPlan.objects.create(case=first, created_by=coordinator)
    risk = Risk.objects.create(plan=plan)
    now = timezone.now()
    for score, days_ago in [(6, 20), (3, 1)]:
        ScaleScore.objects.create(
            risk=risk,
            score=score,
            recorded_at=now - datetime.timedelta(days=days_ago),
            recorded_by=coordinator,
            organisation=coordinator.organisation,
        )
    AgreementProgress.objects.create(plan=plan, status="not_met", status_changed_at=now)
    conference = schedule(coordinator, [first])
    points = dict(
        (kind, text) for kind, text in conference.parts.get().agenda.values_list("kind", "text")
    )
    assert points[AgendaKind.SCALE_DROP] == "Veiligheidsschaal gedaald van 6 naar 3"
    assert "niet nagekomen" in " ".join(
        conference.parts.get().agenda.filter(kind=AgendaKind.OVERDUE).values_list("text", flat=True)
    )


# --- issue 14: the conference page at scale -------------------------------------------
def _conference_with(coordinator, n):
    cases = [ready_to_start(CaseFactory(coordinator=coordinator)) for _ in range(n)]
    return schedule(coordinator, cases), cases


def test_conference_page_query_count_does_not_grow_with_its_cases(
    client, django_assert_max_num_queries
):
    coordinator = UserFactory(coordinator=True)
    client.force_login(coordinator)
    counts = []
    for n in (2, 7):
        conference, _cases = _conference_with(coordinator, n)
        url = reverse("conferences:conference_detail", args=[conference.pk])
        client.get(url)
        with django_assert_max_num_queries(36) as captured:
            response = client.get(url)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_action_owner_list_names_only_the_people_on_the_case(client):
    coordinator = UserFactory(coordinator=True)
    case = ready_to_start(CaseFactory(coordinator=coordinator))
    partner_org = case.memberships.exclude(organisation=coordinator.organisation).first()
    named = UserFactory(organisation=partner_org.organisation, first_name="Genoemd")
    UserFactory(organisation=partner_org.organisation, first_name="Onbetrokken")
    membership_add_professional(actor=coordinator, case=case, user=named)
    conference = schedule(coordinator, [case])
    client.force_login(coordinator)
    part = conference.parts.get()
    page = client.get(reverse("conferences:part_form", args=[conference.pk, part.pk, "action"]))
    html = page.content.decode()
    owner_select = html[html.index("-action-owner_user") :]
    owner_select = owner_select[: owner_select.index("</select>")]
    assert "Genoemd" in owner_select
    assert str(coordinator) in owner_select
    assert "Onbetrokken" not in owner_select
