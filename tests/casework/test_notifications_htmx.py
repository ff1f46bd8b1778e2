# SPDX-License-Identifier: EUPL-1.2
"""Marking a notification read: an htmx partial swap, and a plain form without JavaScript."""

import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import UserFactory


def _notification(user, **fields):
    return Notification.objects.create(
        recipient=user,
        kind="test",
        message="Casus ZVH-2026-0001 heeft een nieuwe fase.",
        event_key=f"test:{Notification.objects.count()}",
        **fields,
    )


@pytest.mark.django_db
def test_htmx_request_gets_just_the_updated_notification(client):
    user = UserFactory(partner=True)
    notification = _notification(user)
    client.force_login(user)
    url = reverse("notifications:notification_read", args=[notification.pk])
    response = client.post(url, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith("<li") and "<html" not in html
    assert f'id="notification-{notification.pk}"' in html and "Markeer als gelezen" not in html
    notification.refresh_from_db()
    assert notification.read_at is not None


@pytest.mark.django_db
def test_plain_post_redirects_to_the_list(client):
    user = UserFactory(partner=True)
    notification = _notification(user)
    client.force_login(user)
    response = client.post(reverse("notifications:notification_read", args=[notification.pk]))
    assert response.status_code == 302 and response["Location"] == reverse(
        "notifications:notification_list"
    )


@pytest.mark.django_db
def test_someone_elses_notification_is_not_touched(client):
    owner, other = UserFactory(partner=True), UserFactory(partner=True)
    notification = _notification(owner)
    client.force_login(other)
    response = client.post(
        reverse("notifications:notification_read", args=[notification.pk]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None
