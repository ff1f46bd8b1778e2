# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from casework.views import overviews

app_name = "overviews"

urlpatterns = [
    path("coordinator/", overviews.coordinator_overview_view, name="coordinator"),
    path("manager/", overviews.manager_overview_view, name="manager"),
    path("manager.csv", overviews.manager_overview_csv_view, name="manager_csv"),
    path("factsheet/", overviews.factsheet_view, name="factsheet"),
]
