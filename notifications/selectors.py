# SPDX-License-Identifier: EUPL-1.2
"""Reads of notifications: a user only ever reads their own."""

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
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


UNREAD_ANNOTATION = "unread_notifications_count"


def unread_subquery():
    """The unread count as an expression on the user row (accounts.backends reads it with
    the user of the session: the bell costs no query of its own)."""
    unread = (
        Notification.objects.filter(recipient=OuterRef("pk"), read_at__isnull=True)
        .order_by()
        .values("recipient")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(unread), 0)


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    loaded = getattr(user, UNREAD_ANNOTATION, None)
    if loaded is not None:
        return loaded
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()
