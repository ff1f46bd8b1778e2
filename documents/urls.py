# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("new/", views.document_create_view, name="document_create"),
    path("<int:document_pk>/versions/new/", views.version_create_view, name="version_create"),
    path(
        "<int:document_pk>/versions/<int:version_pk>/download/",
        views.document_download_view,
        name="download",
    ),
]
