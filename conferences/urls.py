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
    # One URL per operation (each POST only).
    path("<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("<int:pk>/adopt/", views.minutes_adopt_view, name="minutes_adopt"),
    path("<int:pk>/parts/<int:part_pk>/notes/", views.notes_view, name="part_notes"),
    path("<int:pk>/parts/<int:part_pk>/agenda/", views.agenda_add_view, name="agenda_add"),
    path(
        "<int:pk>/parts/<int:part_pk>/agenda/<int:point_pk>/move/",
        views.agenda_move_view,
        name="agenda_move",
    ),
    path("<int:pk>/parts/<int:part_pk>/decisions/", views.decision_view, name="decision"),
    path(
        "<int:pk>/parts/<int:part_pk>/decisions/<int:decision_pk>/carry-out/",
        views.decision_carry_out_view,
        name="decision_carry_out",
    ),
    path("<int:pk>/parts/<int:part_pk>/actions/", views.action_view, name="action"),
    # A case's decision or action form, loaded on demand (GET; htmx or its own page).
    path(
        "<int:pk>/parts/<int:part_pk>/forms/<slug:name>/",
        views.part_form_view,
        name="part_form",
    ),
    path("<int:pk>/minutes.pdf", views.conference_minutes_pdf_view, name="conference_minutes_pdf"),
]
