# SPDX-License-Identifier: EUPL-1.2
"""The notification list (the bell) and marking notifications read."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record_cases
from notifications.selectors import notification_get_for, notifications_for
from notifications.services import notification_mark_read, notifications_mark_all_read

PAGE_SIZE = 30


def notification_list_view(request):
    page = Paginator(notifications_for(request.user), PAGE_SIZE).get_page(request.GET.get("page"))
    cases = {n.case_id: n.case for n in page.object_list if n.case_id}
    audit_record_cases(
        actor=request.user, action=Action.VIEW, cases=cases.values(), path=request.path
    )
    return render(request, "notifications/notification_list.html", {"page": page})


@require_POST
def notification_read_view(request, pk):
    notification = notification_get_for(request.user, pk)
    notification_mark_read(user=request.user, notification_id=notification.pk)
    if request.htmx:  # progressive enhancement: swap just this notification
        notification = notification_get_for(request.user, pk)
        return render(request, "notifications/partials/_notification.html", {"n": notification})
    return redirect("notifications:notification_list")


@require_POST
def notification_read_all_view(request):
    notifications_mark_all_read(user=request.user)
    return redirect("notifications:notification_list")
