# SPDX-License-Identifier: EUPL-1.2
"""Demo conferences: last week's Code Rood table (minutes adopted) and next week's."""

import datetime

from django.utils import timezone

from accounts.models import Organisation, User
from casework.demo import demo_case
from conferences import services
from conferences.models import CaseConference
from conferences.risks import risk_choices

LOCATION = "ZVH Twente, Code Rood-zaal (demo)"


def _organisations(cases):
    ids = {m.organisation_id for c in cases for m in c.memberships.active().organisations()}
    return list(Organisation.objects.filter(pk__in=ids))


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def load() -> None:
    if CaseConference.objects.filter(location=LOCATION).exists():
        return
    coordinator = User.objects.get(username="regisseur")
    cases = [c for c in (demo_case("demo-directe-veiligheid"), demo_case("demo-aangemeld")) if c]
    if not cases:
        return
    organisations = _organisations(cases)

    last_week = _at(-7, 10)
    past = services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=last_week,
        location=LOCATION,
        cases=cases[:1],
        organisations=_organisations(cases[:1]),
        now=last_week - datetime.timedelta(days=1),
    )
    part = past.parts.get()
    for organisation in past.invited_organisations.all():
        services.attendance_record(
            actor=coordinator, conference=past, organisation=organisation, status="present"
        )
    services.part_notes_update(
        actor=coordinator, part=part, notes="Situatie besproken; opvang geregeld (fictief)."
    )
    services.decision_record(
        actor=coordinator, part=part, text="Contactverbod blijft van kracht.", proposal="none"
    )
    # Every action names the Top-3 item(s) it works on, or why none (issue 20).
    top3 = risk_choices([part.case])[part.case_id]
    services.action_record(
        actor=coordinator,
        part=part,
        description="Huisbezoek samen met Veilig Thuis",
        owner_organisation=Organisation.objects.get(name="Veilig Thuis Twente (demo)"),
        owner_user=None,
        due_date=timezone.localdate() + datetime.timedelta(days=3),
        risks=[pk for pk, _label in top3[:1]],
        no_risk_reason="" if top3 else "Nog geen Top-3: eerst kennismaken (fictief).",
    )
    services.action_record(
        actor=coordinator,
        part=part,
        description="Tolk regelen voor het volgende gesprek",
        owner_organisation=Organisation.objects.get(name="Veilig Thuis Twente (demo)"),
        owner_user=None,
        due_date=timezone.localdate() + datetime.timedelta(days=2),
        no_risk_reason="Voorwaarde voor de gesprekken, geen eigen onveilige situatie (fictief).",
    )
    services.minutes_adopt(actor=coordinator, conference=past)

    upcoming = services.conference_schedule(
        actor=coordinator,
        kind="code_rood",
        starts_at=_at(7 - timezone.localdate().weekday() + 1, 10),  # next week's Tuesday
        location=LOCATION,
        cases=cases,
        organisations=organisations,
    )
    # Moved by an hour: its calendar invite is an update (SEQUENCE 1) of the first one.
    services.conference_reschedule(
        actor=coordinator,
        conference=upcoming,
        starts_at=upcoming.starts_at + datetime.timedelta(hours=1),
        location=LOCATION,
        duration_minutes=upcoming.duration_minutes,
    )
