# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from timeliness import views

app_name = "timeliness"

urlpatterns = [
    path("overview/timeliness/", views.report_view, name="report"),
    path(
        "cases/<int:case_pk>/targets/<int:miss_pk>/reason/",
        views.reason_view,
        name="reason",
    ),
]
