# SPDX-License-Identifier: EUPL-1.2
"""URLs of huisverboden, deadlines, escalations and notifications (issue 6)."""

from django.urls import path

from casework.views import escalations, huisverbod, notifications

app_name = "deadlines"

urlpatterns = [
    path(
        "cases/<int:case_pk>/toetsing/new/",
        huisverbod.toetsing_create_view,
        name="toetsing_create",
    ),
    path(
        "cases/<int:case_pk>/huisverbod/new/",
        huisverbod.huisverbod_create_view,
        name="huisverbod_create",
    ),
    path(
        "cases/<int:case_pk>/huisverbod/<int:pk>/extend/",
        huisverbod.huisverbod_extend_view,
        name="huisverbod_extend",
    ),
    path(
        "cases/<int:case_pk>/huisverbod/<int:pk>/withdraw/",
        huisverbod.huisverbod_withdraw_view,
        name="huisverbod_withdraw",
    ),
    path("huisverboden/", huisverbod.huisverbod_overview_view, name="huisverbod_overview"),
    path("escalations/", escalations.escalation_queue_view, name="escalation_queue"),
    path("escalations/<int:pk>/", escalations.escalation_decide_view, name="escalation_decide"),
    path("notifications/", notifications.notification_list_view, name="notification_list"),
    path(
        "notifications/<int:pk>/read/",
        notifications.notification_read_view,
        name="notification_read",
    ),
    path(
        "notifications/read-all/",
        notifications.notification_read_all_view,
        name="notification_read_all",
    ),
]
