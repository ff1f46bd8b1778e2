# SPDX-License-Identifier: EUPL-1.2
"""Reads of notifications: a user only ever reads their own."""

from django.db.models import QuerySet
from django.http import Http404

from notifications.models import Notification


def notifications_for(user) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).select_related("case")


def notification_get_for(user, pk) -> Notification:
    try:
        return notifications_for(user).get(pk=int(pk))
    except (Notification.DoesNotExist, ValueError, TypeError, OverflowError):
        raise Http404 from None


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
