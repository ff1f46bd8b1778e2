# SPDX-License-Identifier: EUPL-1.2
"""The notification list (the bell) and marking notifications read."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from casework.models import Notification
from casework.selectors_deadlines import notifications_for

PAGE_SIZE = 30


def notification_list_view(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "casework/notification_list.html", {"page": page})


@require_POST
def notification_read_view(request, pk):
    # Only the recipient's own notifications; anything else changes nothing.
    Notification.objects.filter(pk=pk, recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    if request.htmx:  # progressive enhancement: swap just this notification
        notification = get_object_or_404(notifications_for(request.user), pk=pk)
        return render(request, "casework/partials/_notification.html", {"n": notification})
    return redirect("deadlines:notification_list")


@require_POST
def notification_read_all_view(request):
    Notification.objects.filter(recipient=request.user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return redirect("deadlines:notification_list")
