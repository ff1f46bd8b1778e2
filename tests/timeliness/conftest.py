# SPDX-License-Identifier: EUPL-1.2
"""Helpers that put the moments a target is measured by at chosen instants.

The rows are written directly: the services stamp the real clock (and refuse a conference
in the past), while a boundary test needs the instant itself."""

from datetime import timedelta

import pytest
from django.utils import timezone

from casework.models import Case, Phase, PhaseChange, Track
from conferences.models import CaseConference, ConferenceCase, ConferenceKind
from safetyplan.models import PlanVersion, SafetyPlan, VersionStatus
from tests.factories.cases import CaseFactory
from timeliness.selectors import case_standings, with_moments


def registered(at, *, track=Track.CODE_ROOD, **kwargs) -> Case:
    case = CaseFactory(track=track, **kwargs)
    Case.objects.filter(pk=case.pk).update(registered_at=at, phase_entered_at=at)
    case.refresh_from_db()
    return case


def discussed(case, at, *, held=True, cancelled=False) -> ConferenceCase:
    conference = CaseConference.objects.create(
        kind=ConferenceKind.URGENT,
        starts_at=at,
        location="ZVH (fictief)",
        created_by=case.coordinator,
        held_at=at if held else None,
        cancelled_at=at if cancelled else None,
    )
    return ConferenceCase.objects.create(conference=conference, case=case)


def entered_immediate_safety(case, at) -> None:
    change = PhaseChange.objects.create(
        case=case,
        field="phase",
        transition="start",
        from_state=Phase.REGISTERED,
        to_state=Phase.IMMEDIATE_SAFETY,
        actor=case.coordinator,
        reason="Start (fictief)",
    )
    PhaseChange.objects.filter(pk=change.pk).update(at=at)
    Case.objects.filter(pk=case.pk).update(phase=Phase.IMMEDIATE_SAFETY, phase_entered_at=at)
    case.refresh_from_db()


def adopted(case, at) -> PlanVersion:
    plan, _ = SafetyPlan.objects.get_or_create(case=case, defaults={"created_by": case.coordinator})
    return PlanVersion.objects.create(
        plan=plan,
        number=plan.versions.count() + 1,
        status=VersionStatus.ADOPTED,
        created_by=case.coordinator,
        adopted_at=at,
        adopted_by=case.coordinator,
    )


def standings(case, now) -> dict:
    row = with_moments(Case.objects.filter(pk=case.pk), now).get()
    return {s.target: s for s in case_standings(row, now)}


@pytest.fixture
def now():
    """A fixed instant, well in the past so that nothing the services stamp interferes."""
    return timezone.now().replace(microsecond=0) - timedelta(days=60)
