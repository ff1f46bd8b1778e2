# SPDX-License-Identifier: EUPL-1.2
"""The perpetrator's track: what its services record, refuse, plan and tell."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import Action, AuditEntry
from casework.models import Case, Incident, Phase, PhaseChange
from casework.services.phases import case_transition
from deadlines.clock import AMSTERDAM
from deadlines.models import (
    Deadline,
    DeadlineKind,
    DeadlineStatus,
    Escalation,
    Reminder,
    ReminderKind,
    ReminderStatus,
)
from deadlines.services.escalations import escalations_raise
from deadlines.services.reminders import deadline_reminders_plan
from deadlines.tasks import deadline_scan
from notifications.models import Notification
from perpetrator.models import Breach, Condition, Custody
from perpetrator.reminders import working_days_before
from perpetrator.services import (
    breach_record,
    condition_record,
    custody_record,
    custody_set_release,
    track_dates_pass,
)
from tests.factories.cases import add_person
from tests.perpetrator.conftest import days, today
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db


def _condition(track, actor=None, **fields):
    values = {
        "person": track.perpetrator,
        "kind": "contact_ban",
        "imposed_by": "court",
        "starts_on": days(-5),
        "ends_on": days(30),
    }
    values.update(fields)
    return condition_record(actor=actor or track.probation, case=track.case, **values)


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=AMSTERDAM)


def test_working_days_skip_the_weekend():
    monday = datetime.date(2026, 12, 7)
    assert working_days_before(monday, 1) == datetime.date(2026, 12, 4)  # Friday
    assert working_days_before(monday, 5) == datetime.date(2026, 11, 30)  # Monday before
    assert working_days_before(datetime.date(2026, 12, 10), 2) == datetime.date(2026, 12, 8)


def test_a_condition_with_an_end_is_a_deadline_with_two_reminders(track):
    condition = _condition(track)
    deadline = Deadline.objects.get(source_type="perpetrator.condition", source_id=condition.pk)
    assert deadline.kind == DeadlineKind.CONDITION_END
    assert deadline.due_date == days(30)
    assert deadline.status == DeadlineStatus.OPEN
    assert deadline.owner_user == track.coordinator  # the coordinator directs the case
    reminders = {r.kind: r for r in Reminder.objects.filter(deadline=deadline)}
    assert set(reminders) == {ReminderKind.PERPETRATOR_AHEAD, ReminderKind.PERPETRATOR_EVE}
    assert reminders[ReminderKind.PERPETRATOR_AHEAD].due_at == _at(working_days_before(days(30), 5))
    assert reminders[ReminderKind.PERPETRATOR_EVE].due_at == _at(days(29))
    entry = AuditEntry.objects.filter(action=Action.CREATE, object_type="perpetrator.Condition")
    assert entry.get().object_id == str(condition.pk)


def test_reminder_days_are_configurable(track, settings):
    settings.CASUSREGIE_PERPETRATOR_REMINDER_WORKING_DAYS = 10
    settings.CASUSREGIE_PERPETRATOR_REMINDER_DAYS = 0  # switched off
    condition = _condition(track)
    reminders = Reminder.objects.filter(deadline__source_id=condition.pk)
    assert [r.kind for r in reminders] == [ReminderKind.PERPETRATOR_AHEAD]
    assert reminders[0].due_at == _at(working_days_before(days(30), 10))


def test_an_open_ended_condition_has_no_deadline(track):
    _condition(track, ends_on=None)
    assert not Deadline.objects.exists()


def test_a_condition_that_ends_before_it_begins_is_refused(track):
    with pytest.raises(ValidationError) as refused:
        _condition(track, starts_on=days(10), ends_on=days(2))
    assert "vóór de ingangsdatum" in refused.value.message_dict["ends_on"][0]
    assert not Condition.objects.exists() and not Deadline.objects.exists()


def test_only_a_pleger_of_this_case_can_have_conditions(track):
    with pytest.raises(ValidationError) as refused:
        _condition(track, person=track.victim)
    assert "rol pleger" in refused.value.message_dict["person"][0]


def test_veilig_thuis_and_strangers_may_not_record(track):
    for user in (track.vt_user, track.stranger, track.social_user):
        with pytest.raises(PermissionDenied):
            _condition(track, actor=user)
    assert not Condition.objects.exists()


def test_police_probation_and_the_coordinator_record(track):
    for user in (track.police, track.probation, track.coordinator):
        _condition(track, actor=user)
    assert Condition.objects.count() == 3


def test_a_release_before_custody_is_refused(track):
    with pytest.raises(ValidationError) as refused:
        custody_record(
            actor=track.probation,
            case=track.case,
            person=track.perpetrator,
            custody_on=days(-3),
            release_on=days(-10),
        )
    assert "vóór de datum van inhechtenisneming" in refused.value.message_dict["release_on"][0]
    assert not Custody.objects.exists()


def test_a_release_date_known_later_and_moved_gets_fresh_reminders(track):
    custody = custody_record(
        actor=track.probation, case=track.case, person=track.perpetrator, custody_on=days(-3)
    )
    assert not Deadline.objects.exists()
    custody_set_release(actor=track.probation, custody=custody, release_on=days(20))
    deadline = Deadline.objects.get(kind=DeadlineKind.RELEASE)
    assert Reminder.objects.filter(deadline=deadline, status=ReminderStatus.PENDING).count() == 2
    custody_set_release(actor=track.probation, custody=custody, release_on=days(40))
    pending = Reminder.objects.filter(deadline=deadline, status=ReminderStatus.PENDING)
    assert {r.about for r in pending} == {days(40).isoformat()}
    assert Reminder.objects.filter(deadline=deadline, status=ReminderStatus.CANCELLED).count() == 2
    custody_set_release(actor=track.probation, custody=custody, release_on=None)
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED
    assert not Reminder.objects.filter(status=ReminderStatus.PENDING).exists()


def test_a_release_date_already_past_is_done_without_reminders(track):
    custody_record(
        actor=track.coordinator,
        case=track.case,
        person=track.perpetrator,
        custody_on=days(-30),
        release_on=days(-2),
    )
    assert Deadline.objects.get().status == DeadlineStatus.DONE
    assert not Reminder.objects.exists()


def test_the_engine_never_reminds_the_owner_of_nor_escalates_a_release_date(track):
    custody = custody_record(
        actor=track.probation,
        case=track.case,
        person=track.perpetrator,
        custody_on=days(-10),
        release_on=days(1),
    )
    later = _at(days(20), 10)
    assert deadline_reminders_plan(now=later) == 0
    assert escalations_raise(now=later) == 0
    assert not Escalation.objects.exists()
    assert track_dates_pass(now=later) == 1
    deadline = Deadline.objects.get(source_id=custody.pk)
    assert deadline.status == DeadlineStatus.DONE


def test_the_reminder_reaches_who_may_read_it(track, django_capture_on_commit_callbacks):
    _condition(track)
    sector = _condition(track, kind="area_ban", confidentiality="sector", ends_on=days(31))
    assert sector.sector == "justice"
    when = _at(working_days_before(days(31), 5))
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan(now=(when + datetime.timedelta(minutes=1)).isoformat())
    notes = Notification.objects.filter(event_key__startswith="reminder:")
    by_message = {}
    for note in notes:
        by_message.setdefault(note.message, set()).add(note.recipient)
    team_msg = next(m for m in by_message if days(30).strftime("%Y") in m and "eindigt" in m)
    assert track.case.reference in team_msg and "Kees" not in team_msg
    everyone = {track.coordinator, track.police, track.probation, track.vt_user, track.social_user}
    justice = {track.coordinator, track.police, track.probation}
    assert sorted(map(len, by_message.values())) == sorted([len(everyone), len(justice)])
    assert any(recipients == justice for recipients in by_message.values())
    assert any(recipients == everyone for recipients in by_message.values())


def test_a_breach_is_an_incident_at_its_level(track):
    condition = _condition(track)
    breach = breach_record(
        actor=track.police,
        case=track.case,
        condition=condition,
        occurred_at=_at(days(-1), 20),
        description="Stond voor de deur.",
        confidentiality="sector",
    )
    incident = Incident.objects.get(pk=breach.incident_id)
    assert incident.confidentiality == "sector" and incident.sector == "justice"
    assert "Contactverbod" in incident.description and "Stond voor de deur." in incident.description
    assert breach.reported_by_organisation == track.police.organisation
    assert AuditEntry.objects.filter(object_type="perpetrator.Breach").exists()


@pytest.mark.parametrize(
    ("when", "message"),
    [
        (-10, "vóór de ingangsdatum van de voorwaarde"),
        (3, "in de toekomst"),
    ],
)
def test_a_breach_outside_the_condition_is_refused(track, when, message):
    condition = _condition(track, starts_on=days(-5), ends_on=days(30))
    with pytest.raises(ValidationError) as refused:
        breach_record(
            actor=track.police,
            case=track.case,
            condition=condition,
            occurred_at=_at(days(when), 12),
            description="Iets.",
        )
    assert message in " ".join(refused.value.message_dict["occurred_at"])
    assert not Breach.objects.exists() and not Incident.objects.exists()


def test_a_breach_after_the_condition_ended_is_refused(track):
    condition = _condition(track, starts_on=days(-20), ends_on=days(-10))
    with pytest.raises(ValidationError) as refused:
        breach_record(
            actor=track.police,
            case=track.case,
            condition=condition,
            occurred_at=_at(days(-2), 12),
            description="Iets.",
        )
    assert "na de einddatum" in refused.value.message_dict["occurred_at"][0]


def test_only_the_coordinator_relapses_and_only_from_stable_safety_or_recovery(track):
    condition = _condition(track)
    for actor, message in (
        (track.police, "Alleen de regisseur"),
        (track.coordinator, "alleen vanuit stabiele veiligheid"),
    ):
        with pytest.raises(ValidationError) as refused:
            breach_record(
                actor=actor,
                case=track.case,
                condition=condition,
                occurred_at=_at(days(-1), 12),
                description="Iets.",
                relapse=True,
            )
        assert message in refused.value.message_dict["relapse"][0]
    assert not Breach.objects.exists()


def test_a_breach_relapses_a_case_in_stable_safety():
    world = PlanWorld()
    case = case_transition(case=world.case, name="start", actor=world.coordinator, reason="x")
    world.adopted(n_items=1, met=True)
    case = case_transition(case=case, name="stabilise", actor=world.coordinator, reason="Rust")
    pleger = add_person(case, roles=["perpetrator"], first_name="Kees", last_name="P")
    condition = condition_record(
        actor=world.coordinator,
        case=case,
        person=pleger,
        kind="area_ban",
        imposed_by="mayor",
        starts_on=days(-5),
    )
    breach_record(
        actor=world.coordinator,
        case=case,
        condition=condition,
        occurred_at=_at(days(-1), 12),
        description="In het verboden gebied gezien.",
        relapse=True,
    )
    case.refresh_from_db()
    assert case.phase == Phase.IMMEDIATE_SAFETY
    change = PhaseChange.objects.filter(case=case).latest("at")
    assert change.transition == "relapse" and "Gebiedsverbod" in change.reason


def test_a_closed_case_takes_no_new_items(track):
    Case.objects.filter(pk=track.case.pk).update(phase=Phase.CLOSED)  # arrangement only
    track.case.refresh_from_db()
    with pytest.raises(ValidationError):
        _condition(track)


def test_today_is_local(track):
    assert today() == datetime.datetime.now(AMSTERDAM).date()
