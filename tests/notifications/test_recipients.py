# SPDX-License-Identifier: EUPL-1.2
"""Who is told: never an inactive account, and marking read touches only one's own."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conferences import services as conference_services
from deadlines.tasks import deadline_scan
from notifications.models import Notification
from notifications.services import notifications_create
from tests.deadlines.conftest import impose, local
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_mark_all_read_marks_only_the_recipients_own(client):
    me, other = UserFactory(partner=True), UserFactory(partner=True)
    for user in (me, other):
        notifications_create(recipient_ids=[user.pk], kind="test", message="x", event_key="e:1")
    client.force_login(me)
    assert client.post(reverse("notifications:notification_read_all")).status_code == 302
    assert Notification.objects.get(recipient=me).read_at is not None
    assert Notification.objects.get(recipient=other).read_at is None


def test_marking_someone_elses_notification_read_changes_nothing(client):
    me, other = UserFactory(partner=True), UserFactory(partner=True)
    notifications_create(recipient_ids=[other.pk], kind="test", message="x", event_key="e:2")
    theirs = Notification.objects.get(recipient=other)
    client.force_login(me)
    response = client.post(reverse("notifications:notification_read", args=[theirs.pk]))
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_an_inactive_professional_gets_no_reminder(world, django_capture_on_commit_callbacks):
    world.vt_user.is_active = False
    world.vt_user.save(update_fields=["is_active"])
    impose(world, local(2026, 3, 20, 14, 0))
    with django_capture_on_commit_callbacks(execute=True):
        deadline_scan(now=local(2026, 3, 27, 14, 0).isoformat())
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert world.police.username in told
    assert world.vt_user.username not in told


def test_an_inactive_invitee_gets_no_minutes_notification(
    world, django_capture_on_commit_callbacks
):
    leaver = UserFactory(organisation=world.police_org, partner=True, is_active=False)
    colleague = UserFactory(organisation=world.police_org, partner=True)
    conference = conference_services.conference_schedule(
        actor=world.coordinator,
        kind="code_rood",
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        now=timezone.now() - datetime.timedelta(hours=3),
        location="ZVH Twente (fictief)",
        cases=[world.case],
        organisations=[world.police_org],
        users=[leaver],
    )
    with django_capture_on_commit_callbacks(execute=True):
        conference_services.minutes_adopt(actor=world.coordinator, conference=conference)
    told = set(Notification.objects.filter(kind="minutes").values_list("recipient", flat=True))
    assert colleague.pk in told and leaver.pk not in told


def test_the_bell_counts_ones_own_unread_with_the_user_and_follows_marking_read(client):
    """The bell's number is read with the user of the session (no query of its own) and
    is right on the very next page after marking read."""
    me, other = UserFactory(partner=True), UserFactory(partner=True)
    notifications_create(recipient_ids=[me.pk, me.pk], kind="test", message="x", event_key="e:3")
    notifications_create(recipient_ids=[me.pk], kind="test", message="y", event_key="e:4")
    notifications_create(recipient_ids=[other.pk], kind="test", message="z", event_key="e:5")
    client.force_login(me)
    page = client.get("/").content.decode()
    assert "Meldingen: 2 ongelezen" in page
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    own = [q["sql"] for q in queries.captured_queries if "casework_notification" in q["sql"]]
    assert len(own) == 1 and own[0].startswith('SELECT "accounts_user"."id"')  # the user's
    client.post(reverse("notifications:notification_read_all"))
    assert "Meldingen: 0 ongelezen" in client.get("/").content.decode()
