# SPDX-License-Identifier: EUPL-1.2
"""Issue 20: per organisation, the share of its agreements and actions done on time."""

import datetime

import pytest
from django.urls import reverse

from accounts.models import OrganisationKind
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline, DeadlineStatus
from deadlines.services.sync import deadline_sync
from outcomes.selectors import on_time_by_organisation
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person

pytestmark = pytest.mark.django_db
YEAR = 2026
D = datetime.date


def _deadline(case, source, owner, due, *, done_on=None, kind="agreement", status=None):
    deadline = deadline_sync(
        case=case,
        kind=kind,
        source=source,
        title="Afspraak (fictief)",
        owner_organisation=owner,
        due_date=due,
        status=status or (DeadlineStatus.DONE if done_on else DeadlineStatus.OPEN),
    )
    if done_on:
        moment = datetime.datetime(
            done_on.year, done_on.month, done_on.day, 23, 30, tzinfo=AMSTERDAM
        )
        Deadline.objects.filter(pk=deadline.pk).update(completed_at=moment)  # arrangement
    return deadline


@pytest.fixture
def world():
    case = CaseFactory()
    police = case.registering_organisation
    vt = add_partner(case, OrganisationKind.VEILIG_THUIS, name="Veilig Thuis Test")
    sources = [add_person(case, first_name=f"P{n}") for n in range(7)]
    # Police: on time (done on the due date, late evening local time), late, open and past.
    _deadline(case, sources[0], police, D(YEAR, 3, 10), done_on=D(YEAR, 3, 10))
    _deadline(case, sources[1], police, D(YEAR, 3, 10), done_on=D(YEAR, 3, 12))
    _deadline(case, sources[2], police, D(YEAR, 4, 1))
    # Veilig Thuis: one action on time; one not yet due and one cancelled are not counted.
    _deadline(case, sources[3], vt, D(YEAR, 5, 1), done_on=D(YEAR, 4, 20), kind="action")
    _deadline(case, sources[4], vt, D(YEAR, 12, 30))
    _deadline(case, sources[5], vt, D(YEAR, 5, 1), status=DeadlineStatus.CANCELLED)
    # Another year.
    _deadline(case, sources[6], vt, D(YEAR - 1, 5, 1))
    return case, police, vt


def _rows(user, today=D(YEAR, 12, 1)):
    rows = on_time_by_organisation(user, start=D(YEAR, 1, 1), end=D(YEAR, 12, 31), today=today)
    return {r.organisation: (r.due, r.on_time, r.share) for r in rows}


def test_the_zvh_sees_every_organisation_with_its_share(world):
    case, police, vt = world
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    assert _rows(manager) == {police.name: (3, 1, 33), vt.name: (1, 1, 100)}
    assert _rows(case.coordinator) == _rows(manager)


def test_a_partner_manager_sees_only_their_own(world):
    case, police, vt = world
    police_manager = UserFactory(organisation=police, manager=True)
    assert _rows(police_manager) == {police.name: (3, 1, 33)}
    stranger = UserFactory(organisation__kind=OrganisationKind.ZVH, manager=True)
    assert _rows(stranger) == {}


def test_a_done_deadline_keeps_the_moment_it_was_done(world):
    case, police, _vt = world
    deadline = Deadline.objects.filter(owner_organisation=police, status="done").first()
    first = deadline.completed_at
    source = case.persons.get(pk=deadline.source_id)
    again = deadline_sync(
        case=case,
        kind="agreement",
        source=source,
        title="Tekst gewijzigd",
        owner_organisation=police,
        due_date=deadline.due_date,
        status=DeadlineStatus.DONE,
    )
    assert again.completed_at == first


def test_dashboard_and_factsheet_show_the_shares(client, world):
    case, police, vt = world
    manager = UserFactory(organisation=case.coordinator.organisation, manager=True)
    client.force_login(manager)
    for name in ("overviews:manager", "overviews:factsheet"):
        html = client.get(reverse(name), {"year": YEAR}).content.decode()
        assert f"per organisatie ({YEAR})" in html
        assert f'data-organisation="{police.name}"' in html and "1 (33 %)" in html
        assert "1 (100 %)" in html
