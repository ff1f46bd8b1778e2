# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from conferences import views

app_name = "conferences"

urlpatterns = [
    path("", views.conference_list_view, name="conference_list"),
    path("new/", views.conference_schedule_view, name="conference_schedule"),
    path("<int:pk>/", views.conference_detail_view, name="conference_detail"),
    path("<int:pk>/calendar.ics", views.conference_ics_view, name="conference_ics"),
    path("<int:pk>/minutes.pdf", views.conference_minutes_pdf_view, name="conference_minutes_pdf"),
]
