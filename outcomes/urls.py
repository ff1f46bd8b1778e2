# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from outcomes import views

app_name = "outcomes"

urlpatterns = [
    path("cases/<int:case_pk>/outcomes/rating/", views.rating_create_view, name="rating_create"),
    path("overview/outcomes.csv", views.outcomes_csv_view, name="csv"),
]
