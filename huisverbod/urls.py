# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from huisverbod import views

app_name = "huisverbod"

urlpatterns = [
    path("cases/<int:case_pk>/toetsing/new/", views.toetsing_create_view, name="toetsing_create"),
    path(
        "cases/<int:case_pk>/huisverbod/new/",
        views.huisverbod_create_view,
        name="huisverbod_create",
    ),
    path(
        "cases/<int:case_pk>/huisverbod/<int:pk>/extend/",
        views.huisverbod_extend_view,
        name="huisverbod_extend",
    ),
    path(
        "cases/<int:case_pk>/huisverbod/<int:pk>/withdraw/",
        views.huisverbod_withdraw_view,
        name="huisverbod_withdraw",
    ),
    path("huisverboden/", views.huisverbod_overview_view, name="huisverbod_overview"),
]
