# SPDX-License-Identifier: EUPL-1.2
"""The timeline as a table (issue 16): one indexed query per page, always what the tables
say now — a new write shows at the next read, a changed level or an anonymisation leaves no
old copy behind — persons added are on it, and the English interface reads its titles in
English."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from casework.models import Confidentiality, Incident, TimelineEvent, TimelineState
from casework.selectors import case_timeline, timeline_slice
from casework.services.cases import incident_record
from casework.timeline import timeline_rebuild
from privacy.services import case_anonymise
from tests.access.helpers import case_with_team, member_in_role
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_person, ready_to_start
from tests.privacy.helpers import closed_case, later

pytestmark = pytest.mark.django_db


def _titles(case, user=None) -> list[str]:
    return [e.title for e in case_timeline(case, user=user)]


def test_persons_added_are_on_the_timeline_with_their_roles(client):
    case = ready_to_start(CaseFactory())
    add_person(case, first_name="Ayşe", last_name="Kılıç", roles=("victim",))
    client.force_login(case.coordinator)
    page = client.get(reverse("casework:case_timeline", args=[case.pk]), {"kind": "person"})
    body = page.content.decode()
    assert "Persoon toegevoegd: Ayşe Kılıç (Slachtoffer)" in body
    assert "Casus aangemeld door" not in body  # the filter holds


def test_a_write_shows_at_the_next_read_and_the_rows_of_a_stale_case_are_gone():
    case = ready_to_start(CaseFactory())
    before = _titles(case)
    assert TimelineEvent.objects.filter(case=case).count() == len(before)
    incident_record(
        actor=case.coordinator,
        case=case,
        occurred_at=timezone.now(),
        description="Nieuwe dreiging (fictief)",
    )
    # The write dropped the derived rows; nothing old is read in the meantime.
    assert not TimelineEvent.objects.filter(case=case).exists()
    state = TimelineState.objects.get(case=case)
    assert state.seq > state.built_seq
    assert len(_titles(case)) == len(before) + 1


def test_a_changed_confidentiality_level_is_what_the_timeline_shows():
    team = case_with_team()
    police = UserFactory(organisation=team.case.registering_organisation, partner=True)
    care = member_in_role(team, "partner")  # Veilig Thuis
    incident = incident_record(
        actor=police,
        case=team.case,
        occurred_at=timezone.now(),
        description="Melding over wapenbezit (fictief)",
    )
    assert any("wapenbezit" in e.detail for e in case_timeline(team.case, user=care))
    # A later change of the level (an UPDATE through the model) reaches the timeline.
    incident.confidentiality = Confidentiality.ORGANISATION
    incident.save()
    assert not any("wapenbezit" in e.detail for e in case_timeline(team.case, user=care))
    assert any("wapenbezit" in e.detail for e in case_timeline(team.case, user=police))


def test_an_anonymised_case_keeps_no_name_in_its_timeline_rows():
    case = closed_case()
    assert any("Kees Pleegmans" in e.title for e in case_timeline(case))
    assert TimelineEvent.objects.filter(case=case, params__name="Kees Pleegmans").exists()
    case_anonymise(case=case, now=later(40))
    # Queryset updates send no signals: the access-log entry of the anonymisation marks it.
    assert not TimelineEvent.objects.filter(case=case, params__name="Kees Pleegmans").exists()
    titles = " ".join(e.title + e.detail for e in case_timeline(case))
    assert "Pleegmans" not in titles and "mes" not in titles


def test_the_english_interface_reads_the_titles_in_english():
    case = ready_to_start(CaseFactory())
    add_person(case, first_name="Noor", last_name="de Wit", roles=("child",))
    case_timeline(case)  # built in Dutch, the language of the message ids
    with translation.override("en"):
        titles = _titles(case)
    assert any(t.startswith("Person added: Noor de Wit (Child)") for t in titles), titles
    assert any(t.startswith("Case registered by") for t in titles), titles


def test_the_timeline_page_is_one_indexed_query_whatever_the_size_of_the_case(client):
    case = ready_to_start(CaseFactory())
    client.force_login(case.coordinator)
    url = reverse("casework:case_timeline", args=[case.pk])

    def reads() -> int:
        client.get(url)  # the first read after the writes rebuilds
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return sum("casework_timeline" in q["sql"] for q in queries.captured_queries)

    few = reads()
    for n in range(60):
        Incident.objects.create(
            case=case,
            occurred_at=timezone.now() - datetime.timedelta(hours=n),
            description=f"Incident {n}",
            reported_by_organisation=case.coordinator.organisation,
            recorded_by=case.coordinator,
        )
    assert reads() == few == 1
    # 60 incidents and the registration: two pages of 50, the second says it is the last.
    second = client.get(url, {"page": 2}).content.decode()
    assert "Pagina 2" in second and "page=3" not in second and "page=1" in second
    assert client.get(url, {"page": "99999999999999999999"}).status_code == 200


def test_a_rebuild_of_a_current_timeline_changes_nothing():
    case = ready_to_start(CaseFactory())
    first = list(timeline_slice(case, stop=100))
    timeline_rebuild(case)
    assert [e.pk for e in timeline_slice(case, stop=100)] == [e.pk for e in first]


def test_a_case_from_before_the_table_is_built_at_its_first_read():
    """A database migrated from before issue 16's table has no rows: the first read builds."""
    case = ready_to_start(CaseFactory())
    TimelineState.objects.filter(case=case).delete()
    TimelineEvent.objects.filter(case=case).delete()
    assert _titles(case)
    assert TimelineState.objects.get(case=case).is_current
