# SPDX-License-Identifier: EUPL-1.2
"""Pages: countdown on the case page, forms with Dutch refusals, queue, bell."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from deadlines.clock import AMSTERDAM
from deadlines.models import Escalation
from deadlines.services.sync import deadline_sync
from deadlines.tasks import deadline_scan
from huisverbod.models import Huisverbod
from notifications.models import Notification
from tests.deadlines.conftest import impose
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, overdue_agreements

pytestmark = pytest.mark.django_db


def _frozen(monkeypatch, moment):
    """The clock of every `timezone.now()` call (views, services) stands still at `moment`."""
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_case_page_shows_the_countdown_and_next_reminder(client, world, monkeypatch):
    now = datetime.datetime(2026, 11, 10, 12, 0, tzinfo=AMSTERDAM)
    impose(world, now - datetime.timedelta(days=3, minutes=30), now=now)
    _frozen(monkeypatch, now)
    client.force_login(world.police)
    page = client.get(reverse("casework:case_detail", args=[world.case.pk])).content.decode()
    assert "Nog 6 dagen en 23 uur" in page
    assert "Dag 7: advies over verlenging voorbereiden" in page
    assert "Verlenging vastleggen" not in page  # police may not extend
    client.force_login(world.official)
    page = client.get(reverse("casework:case_detail", args=[world.case.pk])).content.decode()
    assert "Verlenging vastleggen" in page


def test_the_countdown_counts_real_hours_across_the_spring_clock_change(client, world, monkeypatch):
    # Imposed Thursday 25 March 2027 14:00 CET; it ends Sunday 4 April 14:00 CEST. The clocks
    # move on 28 March, so two days after imposition 7 days and 23 real hours are left.
    imposed = datetime.datetime(2027, 3, 25, 14, 0, tzinfo=AMSTERDAM)
    hv = impose(world, imposed, now=imposed + datetime.timedelta(minutes=5))
    assert hv.ends_at == datetime.datetime(2027, 4, 4, 14, 0, tzinfo=AMSTERDAM)
    _frozen(monkeypatch, datetime.datetime(2027, 3, 27, 14, 0, tzinfo=AMSTERDAM))
    client.force_login(world.police)
    page = client.get(reverse("casework:case_detail", args=[world.case.pk])).content.decode()
    assert "Nog 7 dagen en 23 uur" in page


def test_huisverbod_form_refuses_a_child_with_a_dutch_message(client, world):
    client.force_login(world.police)
    url = reverse("huisverbod:huisverbod_create", args=[world.case.pk])
    response = client.post(
        url,
        {
            "person": world.child.pk,
            "imposed_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "imposed_by": "assistant_prosecutor",
        },
    )
    assert response.status_code == 200
    assert (
        "Een huisverbod kan niet worden opgelegd aan een minderjarige" in response.content.decode()
    )
    assert not Huisverbod.objects.exists()
    response = client.post(
        url,
        {
            "person": world.perpetrator.pk,
            "imposed_at": (timezone.localtime() - datetime.timedelta(hours=1)).strftime(
                "%Y-%m-%dT%H:%M"
            ),
            "imposed_by": "assistant_prosecutor",
            "contact_ban_persons": [world.victim.pk],
        },
    )
    assert response.status_code == 302
    assert Huisverbod.objects.get().contact_ban_persons.get() == world.victim


def test_extension_page_tells_police_why_and_saves_nothing(client, world):
    hv = impose(world, timezone.now() - datetime.timedelta(days=2), now=timezone.now())
    url = reverse("huisverbod:huisverbod_extend", args=[world.case.pk, hv.pk])
    client.force_login(world.police)
    response = client.post(url, {"new_end": "2099-01-01T10:00", "reason": "x"})
    assert "Alleen een gemeenteambtenaar" in response.content.decode()
    hv.refresh_from_db()
    assert hv.status == "imposed"
    client.force_login(world.official)
    too_late = timezone.localtime(hv.imposed_at + datetime.timedelta(days=29))
    response = client.post(url, {"new_end": too_late.strftime("%Y-%m-%dT%H:%M"), "reason": "x"})
    assert "uiterlijk 28 dagen na het opleggen" in response.content.decode()
    ok = timezone.localtime(hv.imposed_at + datetime.timedelta(days=20))
    response = client.post(url, {"new_end": ok.strftime("%Y-%m-%dT%H:%M"), "reason": "Advies"})
    assert response.status_code == 302
    hv.refresh_from_db()
    assert hv.status == "extended"


def test_strangers_get_404(client, world):
    hv = impose(world, timezone.now() - datetime.timedelta(days=2), now=timezone.now())
    stranger = UserFactory(municipality_official=True)
    client.force_login(stranger)
    for url in (
        reverse("huisverbod:huisverbod_extend", args=[world.case.pk, hv.pk]),
        reverse("huisverbod:huisverbod_create", args=[world.case.pk]),
        reverse("huisverbod:toetsing_create", args=[world.case.pk]),
    ):
        assert client.get(url).status_code == 404
    other_case = CaseFactory()
    client.force_login(world.official)
    wrong = reverse("huisverbod:huisverbod_extend", args=[other_case.pk, hv.pk])
    assert client.get(wrong).status_code == 404


@pytest.fixture
def queue(world, django_capture_on_commit_callbacks):
    manager = UserFactory(organisation=world.coordinator.organisation, manager=True)
    past = timezone.localdate() - datetime.timedelta(days=20)
    for index, person in enumerate([world.victim, world.perpetrator, world.child]):
        deadline_sync(
            case=world.case,
            kind="agreement",
            source=person,
            title=f"Afspraak {index}",
            owner_organisation=world.veilig_thuis,
            due_date=past,
        )
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan()
    assert Escalation.objects.count() == 3
    return manager


def test_escalation_queue_and_decision(client, world, queue, django_assert_max_num_queries):
    client.force_login(queue)
    with django_assert_max_num_queries(40):
        page = client.get(reverse("deadlines:escalation_queue")).content.decode()
    assert "Afspraak 2" in page and "20 dagen" in page
    escalation = Escalation.objects.first()
    url = reverse("deadlines:escalation_decide", args=[escalation.pk])
    response = client.post(url, {"decision": "instruct", "reason": ""})
    assert "Geef een toelichting bij het besluit." in response.content.decode()
    response = client.post(url, {"decision": "instruct", "reason": "Vandaag nog bellen."})
    assert response.status_code == 302
    escalation.refresh_from_db()
    assert escalation.status == "decided"
    assert client.get(url).status_code == 404  # no longer in the queue
    client.force_login(world.vt_user)
    assert client.get(reverse("deadlines:escalation_queue")).status_code == 403


def test_queue_query_count_does_not_grow(client, world, queue, django_assert_max_num_queries):
    client.force_login(queue)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as three:
        client.get(reverse("deadlines:escalation_queue"))
    Escalation.objects.filter(pk=Escalation.objects.first().pk).update(status="decided")
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("deadlines:escalation_queue"))
    # Only the access-log entry of each shown escalation grows with the rows (savepoint,
    # the chain's lock and last hash, insert, release): no query per row for the case,
    # the deadline or the owner.
    assert len(three.captured_queries) - len(two.captured_queries) <= 4


def _badge(page: str) -> str | None:
    found = re.search(r"<span [^>]*data-escalations>([^<]*)</span>", page)
    return found.group(1) if found else None


def test_the_navigation_counts_the_queue_up_to_99(
    client, world, queue, django_capture_on_commit_callbacks
):
    """The escalations link says how many wait, and "99+" beyond 99: each one counted is a
    probe of its case on every page a manager opens (issue 14); the queue lists them all."""
    client.force_login(queue)
    assert _badge(client.get(reverse("home")).content.decode()) == "3"
    overdue_agreements(world.case, world.veilig_thuis, range(1, 97), days=20)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan()
    assert Escalation.objects.filter(status="open").count() == 99
    assert _badge(client.get(reverse("home")).content.decode()) == "99"
    overdue_agreements(world.case, world.veilig_thuis, [97], days=20)
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan()
    assert _badge(client.get(reverse("home")).content.decode()) == "99+"
    assert _badge(client.get(reverse("deadlines:escalation_queue")).content.decode()) == "99+"
    # someone who decides no escalations sees no link and no count
    client.force_login(world.vt_user)
    page = client.get(reverse("home")).content.decode()
    assert _badge(page) is None
    assert reverse("deadlines:escalation_queue") not in page


def test_notification_bell_list_and_mark_read(client, world, django_assert_max_num_queries):
    for index in range(25):
        Notification.objects.create(
            recipient=world.official,
            case=world.case,
            kind="reminder",
            message=f"Bericht {index}",
            event_key=f"test:{index}",
        )
    client.force_login(world.official)
    # The page now also records the cases it shows in the access log, each entry linked to
    # the organisation's membership (purpose and legal basis): one query for all of them.
    with django_assert_max_num_queries(16):
        page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "Meldingen: 25 ongelezen" in page
    first = Notification.objects.first()
    client.post(reverse("notifications:notification_read", args=[first.pk]))
    assert Notification.objects.filter(read_at__isnull=True).count() == 24
    # Someone else's notification cannot be marked.
    client.force_login(world.police)
    client.post(reverse("notifications:notification_read", args=[Notification.objects.last().pk]))
    assert Notification.objects.filter(read_at__isnull=True).count() == 24
    client.force_login(world.official)
    client.post(reverse("notifications:notification_read_all"))
    page = client.get(reverse("notifications:notification_list")).content.decode()
    assert "ongelezen" in page and "Meldingen: 0 ongelezen" in page


def test_the_queue_comes_a_page_at_a_time_and_logs_only_what_it_shows(
    client, world, queue, monkeypatch
):
    """The queue was cut at 200 rows without a word while the navigation counted all open
    escalations; now every one is reachable, a page at a time, the first due first."""
    from audit.models import AuditEntry
    from deadlines import views

    monkeypatch.setattr(views, "QUEUE_PAGE", 2)
    client.force_login(queue)
    url = reverse("deadlines:escalation_queue")
    ordered = list(Escalation.objects.order_by("response_due_at", "pk"))
    first = client.get(url).content.decode()
    assert "Pagina 1, 2 per pagina, de dringendste eerst" in first
    assert '?page=2">Volgende' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert '?page=1">Vorige' in second and "Volgende" not in second
    for escalation, html in ((ordered[0], first), (ordered[2], second)):
        assert reverse("deadlines:escalation_decide", args=[escalation.pk]) in html
    assert reverse("deadlines:escalation_decide", args=[ordered[2].pk]) not in first
    last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
    client.get(url, {"page": 2})
    new = AuditEntry.objects.filter(pk__gt=last, path=url)
    assert list(new.values_list("object_id", flat=True)) == [str(ordered[2].pk)]
    for junk in ("abc", "-1", "0", str(2**70)):
        assert client.get(url, {"page": junk}).status_code == 200
