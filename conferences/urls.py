# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list_view, name="conference_list"),
    path("new/", views.conference_schedule_view, name="conference_schedule"),
    path("<int:pk>/", views.conference_detail_view, name="conference_detail"),
    path("<int:pk>/wijzigen/", views.conference_change_view, name="conference_change"),
    path("<int:pk>/calendar.ics", views.conference_ics_view, name="conference_ics"),
]
