# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("", views.audit_search_view, name="search"),
    path("export/", views.person_export_view, name="person_export"),
]
