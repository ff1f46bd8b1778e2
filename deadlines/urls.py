# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from deadlines import views

app_name = "deadlines"

urlpatterns = [
    path("escalations/", views.escalation_queue_view, name="escalation_queue"),
    path("escalations/<int:pk>/", views.escalation_decide_view, name="escalation_decide"),
]
