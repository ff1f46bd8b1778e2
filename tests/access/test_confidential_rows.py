# SPDX-License-Identifier: EUPL-1.2
"""The case page's incidents, notes and timeline read with queries kept per shape of the
confidentiality rule (casework.selectors.confidential_rows, issue 14): for every kind of
reader exactly the rows the general selectors give, and every shape kept."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.journal import NOTES_ON_PAGE, _page_notes
from casework.models import Confidentiality
from casework.selectors import (
    _KEPT_CONFIDENTIAL,
    INCIDENTS_ON_PAGE,
    TIMELINE_ON_CASE_PAGE,
    _page_incidents,
    _page_timeline,
    confidential_rows,
    incidents_visible_to,
    notes_visible_to,
    timeline_slice,
)
from casework.services.cases import incident_record
from casework.services.notes import note_record
from tests.access.helpers import case_with_team, member_in_role
from tests.factories import UserFactory
from tests.factories.cases import add_partner

pytestmark = pytest.mark.django_db


@pytest.fixture
def readers():
    team = case_with_team()
    case = team.case
    police = case.registering_organisation  # justice sector
    agent = UserFactory(organisation=police, partner=True)
    care = member_in_role(team, "partner")  # Veilig Thuis, care sector
    probation = UserFactory(
        organisation=add_partner(case, kind=OrganisationKind.PROBATION), partner=True
    )
    when = timezone.now() - datetime.timedelta(minutes=30)
    for author in (agent, care, case.coordinator):
        for level in Confidentiality.values:
            incident_record(
                actor=author,
                case=case,
                occurred_at=when,
                description=f"Melding {level} (fictief)",
                confidentiality=level,
            )
            note_record(actor=author, case=case, text=f"Notitie {level}", confidentiality=level)
    manager = member_in_role(team, "zvh_manager")
    official = member_in_role(team, "municipality_official")
    return case, {
        "coordinator": case.coordinator,
        "police": agent,
        "care": care,
        "probation": probation,
        "zvh manager": manager,
        "municipality": official,
    }


def test_every_reader_gets_the_rows_of_the_general_selectors(readers):
    case, users = readers
    timeline_slice(case, stop=1)  # builds the timeline rows
    for label, user in users.items():
        incidents = confidential_rows("page incidents", _page_incidents, case, user)
        expected = incidents_visible_to(user, case).order_by("-occurred_at", "-pk")
        assert [i.pk for i in incidents] == [i.pk for i in expected[:INCIDENTS_ON_PAGE]], label
        notes = confidential_rows("page notes", _page_notes, case, user)
        expected_notes = notes_visible_to(user, case)[:NOTES_ON_PAGE]
        assert [n.pk for n in notes] == [n.pk for n in expected_notes], label
        timeline = confidential_rows("page timeline", _page_timeline, case, user)
        expected_timeline = timeline_slice(case, user=user, stop=TIMELINE_ON_CASE_PAGE)
        assert [t.pk for t in timeline] == [t.pk for t in expected_timeline], label
    # The readers differ: the rule is applied, not one reader's rows for all.
    seen = {label: len(incidents_visible_to(user, case)) for label, user in users.items()}
    assert len(set(seen.values())) > 1, seen
    not_kept = [key for key, prepared in _KEPT_CONFIDENTIAL.items() if not prepared.is_kept()]
    assert not not_kept, not_kept
    shapes = {(coordinator, names) for _n, coordinator, names in _KEPT_CONFIDENTIAL}
    assert (True, ("organisation_id",)) in shapes
    assert (False, ("organisation_id", "sector")) in shapes


def test_a_stale_timeline_is_rebuilt_before_the_case_page_reads_it(client, readers):
    from django.urls import reverse

    case, users = readers
    client.force_login(users["coordinator"])
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    assert "Melding organisation (fictief)" in page.content.decode()
    note_record(actor=users["coordinator"], case=case, text="Nieuwste notitie (fictief)")
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    timeline = page.context["page"].timeline
    assert timeline[0].kind == "note" and timeline[0].detail == "Nieuwste notitie (fictief)"
    other = users["probation"]  # justice sector, not the police: no police-only row
    client.force_login(other)
    page = client.get(reverse("casework:case_detail", args=[case.pk]))
    rows = page.context["page"].timeline
    assert rows
    for row in rows:
        if row.confidentiality == Confidentiality.ORGANISATION:
            assert row.organisation_id == other.organisation_id, row.detail
        if row.confidentiality == Confidentiality.SECTOR:
            assert row.sector == other.organisation.sector, row.detail
