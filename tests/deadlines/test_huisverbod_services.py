# SPDX-License-Identifier: EUPL-1.2
"""Huisverbod maths on the clock changes, the state machine, and every refusal."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audit.models import AuditEntry
from deadlines.models import Reminder, ReminderStatus
from huisverbod.models import Huisverbod, HuisverbodStatus, Toetsing
from huisverbod.services import huisverbod_extend, huisverbod_withdraw, toetsing_record
from tests.deadlines.conftest import AMS, impose, local
from tests.factories.cases import add_person

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def test_spring_clock_change_ends_at_the_same_local_time(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    assert hv.ends_at.astimezone(AMS) == local(2026, 3, 30, 14, 0)
    # The clocks moved on 29 March: ten local days are 239 real hours.
    assert hv.ends_at - hv.imposed_at == datetime.timedelta(hours=239)
    assert hv.ends_at == datetime.datetime(2026, 3, 30, 12, 0, tzinfo=UTC)
    assert hv.status == HuisverbodStatus.IMPOSED


def test_autumn_clock_change_ends_at_the_same_local_time(world):
    hv = impose(world, local(2026, 10, 20, 22, 30))
    assert hv.ends_at.astimezone(AMS) == local(2026, 10, 30, 22, 30)
    assert hv.ends_at - hv.imposed_at == datetime.timedelta(hours=241)
    assert hv.latest_possible_end.astimezone(AMS) == local(2026, 11, 17, 22, 30)


def test_extension_to_exactly_28_days_is_accepted(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    hv = huisverbod_extend(
        actor=world.official,
        huisverbod=hv,
        new_end=local(2026, 4, 17, 14, 0),
        reason="Advies Veilig Thuis: risico blijft hoog.",
        now=local(2026, 3, 28, 10, 0),
    )
    assert hv.status == HuisverbodStatus.EXTENDED
    assert hv.ends_at.astimezone(AMS) == local(2026, 4, 17, 14, 0)
    assert hv.extended_by == world.official
    planned = Reminder.objects.filter(huisverbod=hv, status=ReminderStatus.PENDING)
    assert sorted((r.kind, r.due_at.astimezone(AMS)) for r in planned) == [
        ("hv_day7", local(2026, 3, 27, 14, 0)),
        ("hv_final_24h", local(2026, 4, 16, 14, 0)),
        ("hv_final_7d", local(2026, 4, 10, 14, 0)),
    ]
    # The reminders of the first ten days still ahead are cancelled; day 7, due before the
    # extension but not yet sent (no scan ran here), is never cancelled: it goes out late.
    assert set(
        Reminder.objects.filter(huisverbod=hv, status=ReminderStatus.CANCELLED).values_list(
            "kind", flat=True
        )
    ) == {"hv_day8", "hv_end_24h", "hv_end"}


def test_extension_of_28_days_and_one_minute_is_refused(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(ValidationError) as error:
        huisverbod_extend(
            actor=world.official,
            huisverbod=hv,
            new_end=local(2026, 4, 17, 14, 1),
            reason="Te lang",
            now=local(2026, 3, 28, 10, 0),
        )
    assert (
        "uiterlijk 28 dagen na het opleggen: 17 april 2026 14:00"
        in error.value.message_dict["new_end"][0]
    )
    hv.refresh_from_db()
    assert hv.status == HuisverbodStatus.IMPOSED
    assert hv.ends_at.astimezone(AMS) == local(2026, 3, 30, 14, 0)


def test_reminders_of_the_first_ten_days_follow_the_schedule(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    planned = {r.kind: r.due_at.astimezone(AMS) for r in Reminder.objects.filter(huisverbod=hv)}
    assert planned == {
        "hv_day7": local(2026, 3, 27, 14, 0),
        "hv_day8": local(2026, 3, 28, 14, 0),
        "hv_end_24h": local(2026, 3, 29, 14, 0),  # 24 real hours (the change was at 02:00)
        "hv_end": local(2026, 3, 30, 14, 0),
    }


def test_imposed_in_the_future_is_refused(world):
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), now=local(2026, 3, 20, 13, 0))
    assert error.value.message_dict["imposed_at"] == [
        "Het tijdstip van opleggen ligt in de toekomst."
    ]
    assert not Huisverbod.objects.exists()


def test_on_a_child_is_refused(world):
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), person=world.child)
    assert "minderjarige" in error.value.message_dict["person"][0]
    assert not Huisverbod.objects.exists()


def test_on_a_minor_perpetrator_is_refused(world):
    young = add_person(
        world.case,
        roles=["perpetrator"],
        first_name="Jong",
        last_name="Pleger",
        date_of_birth=datetime.date(2009, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), person=young)
    assert "18 jaar" in error.value.message_dict["person"][0]


def test_on_a_victim_who_is_no_perpetrator_is_refused(world):
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), person=world.victim)
    assert error.value.message_dict["person"] == [
        "Een huisverbod kan alleen worden opgelegd aan een pleger in deze casus."
    ]


def test_on_a_person_outside_the_case_is_refused(world):
    from tests.factories.cases import CaseFactory

    other = add_person(CaseFactory(), roles=["perpetrator"], first_name="Ander", last_name="X")
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), person=other)
    assert error.value.message_dict["person"] == ["Deze persoon hoort niet bij deze casus."]
    assert not Huisverbod.objects.exists()


def test_a_second_running_huisverbod_for_the_same_person_is_refused(world):
    impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 21, 9, 0))
    assert error.value.message_dict["person"] == ["Voor deze persoon loopt al een huisverbod."]
    assert Huisverbod.objects.count() == 1


def test_child_abuse_needs_veilig_thuis_consulted(world):
    with pytest.raises(ValidationError) as error:
        impose(world, local(2026, 3, 20, 14, 0), child_abuse=True)
    assert "Veilig Thuis" in error.value.message_dict["veilig_thuis_consulted"][0]
    hv = impose(world, local(2026, 3, 20, 14, 0), child_abuse=True, veilig_thuis_consulted=True)
    assert hv.child_abuse


def test_only_police_or_coordinator_impose(world):
    from huisverbod.services import huisverbod_impose

    for actor in (world.official, world.vt_user):
        with pytest.raises(PermissionDenied):
            huisverbod_impose(
                actor=actor,
                case=world.case,
                person=world.perpetrator,
                imposed_at=local(2026, 3, 20, 14, 0),
                imposed_by="mayor",
                now=local(2026, 3, 20, 15, 0),
            )
    assert not Huisverbod.objects.exists()
    hv = huisverbod_impose(
        actor=world.coordinator,
        case=world.case,
        person=world.perpetrator,
        imposed_at=local(2026, 3, 20, 14, 0),
        imposed_by="mayor",
        now=local(2026, 3, 20, 15, 0),
    )
    assert AuditEntry.objects.filter(
        object_type="huisverbod.Huisverbod", object_id=str(hv.pk)
    ).exists()


def test_extension_by_a_police_user_is_refused_with_a_reason(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    for actor in (world.police, world.coordinator):
        with pytest.raises(PermissionDenied) as error:
            huisverbod_extend(
                actor=actor,
                huisverbod=hv,
                new_end=local(2026, 4, 10, 14, 0),
                reason="x",
                now=local(2026, 3, 25, 10, 0),
            )
        assert "gemeenteambtenaar" in str(error.value)
    hv.refresh_from_db()
    assert hv.status == HuisverbodStatus.IMPOSED


def test_extension_after_the_end_is_refused(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(ValidationError) as error:
        huisverbod_extend(
            actor=world.official,
            huisverbod=hv,
            new_end=local(2026, 4, 10, 14, 0),
            reason="Te laat",
            now=local(2026, 3, 30, 14, 0),
        )
    assert "vóór het einde van het huisverbod (30 maart 2026 14:00)" in error.value.messages[0]
    hv.refresh_from_db()
    assert hv.status == HuisverbodStatus.IMPOSED


def test_extension_not_after_the_current_end_and_twice_are_refused(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(ValidationError) as error:
        huisverbod_extend(
            actor=world.official,
            huisverbod=hv,
            new_end=local(2026, 3, 29, 14, 0),
            reason="x",
            now=local(2026, 3, 25, 10, 0),
        )
    assert "na de huidige einddatum" in error.value.message_dict["new_end"][0]
    huisverbod_extend(
        actor=world.official,
        huisverbod=hv,
        new_end=local(2026, 4, 10, 14, 0),
        reason="Advies VT",
        now=local(2026, 3, 25, 10, 0),
    )
    with pytest.raises(ValidationError) as error:
        huisverbod_extend(
            actor=world.official,
            huisverbod=hv,
            new_end=local(2026, 4, 12, 14, 0),
            reason="Nog eens",
            now=local(2026, 3, 26, 10, 0),
        )
    assert error.value.messages == ["Dit huisverbod is al verlengd."]


def test_withdrawal_by_the_municipality_cancels_reminders(world):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(PermissionDenied):
        huisverbod_withdraw(actor=world.police, huisverbod=hv, reason="x")
    with pytest.raises(ValidationError):
        huisverbod_withdraw(actor=world.official, huisverbod=hv, reason="  ")
    hv = huisverbod_withdraw(
        actor=world.official, huisverbod=hv, reason="Situatie veranderd", now=local(2026, 3, 22, 9)
    )
    assert hv.status == HuisverbodStatus.WITHDRAWN
    assert not Reminder.objects.filter(huisverbod=hv, status=ReminderStatus.PENDING).exists()
    # A new huisverbod for the same person is possible once the first no longer runs.
    assert impose(world, local(2026, 3, 23, 9, 0)).status == HuisverbodStatus.IMPOSED


def test_toetsing_is_recorded_with_or_without_huisverbod(world):
    toetsing = toetsing_record(
        actor=world.police,
        case=world.case,
        assessed_at=local(2026, 3, 20, 12, 0),
        participants="Hulpofficier van justitie, Veilig Thuis",
        veilig_thuis_took_part=True,
        outcome="crisis_case",
        now=local(2026, 3, 20, 13, 0),
    )
    assert toetsing.outcome == "crisis_case"
    with pytest.raises(ValidationError) as error:
        toetsing_record(
            actor=world.vt_user,
            case=world.case,
            assessed_at=local(2026, 3, 21, 12, 0),
            participants=" ",
            veilig_thuis_took_part=True,
            outcome="huisverbod",
            now=local(2026, 3, 20, 13, 0),
        )
    assert set(error.value.message_dict) == {"assessed_at", "participants"}
    with pytest.raises(PermissionDenied):
        toetsing_record(
            actor=world.official,
            case=world.case,
            assessed_at=local(2026, 3, 20, 12, 0),
            participants="x",
            veilig_thuis_took_part=False,
            outcome="no_huisverbod",
        )
    assert Toetsing.objects.count() == 1
