# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from overviews import views

app_name = "overviews"

urlpatterns = [
    path("coordinator/", views.coordinator_overview_view, name="coordinator"),
    path("manager/", views.manager_overview_view, name="manager"),
    path("manager.csv", views.manager_overview_csv_view, name="manager_csv"),
    path("factsheet/", views.factsheet_view, name="factsheet"),
    path("figures/refresh/", views.figures_refresh_view, name="figures_refresh"),
]
