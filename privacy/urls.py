# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("privacy/verzoeken/", views.request_list_view, name="requests"),
    path("privacy/verzoeken/<int:pk>/", views.request_detail_view, name="request_detail"),
    path("privacy/verzoeken/<int:pk>/kopie.json", views.request_copy_json_view, name="copy_json"),
    path("privacy/verzoeken/<int:pk>/kopie.pdf", views.request_copy_pdf_view, name="copy_pdf"),
    path("privacy/bewaartermijnen/", views.retention_due_view, name="retention_due"),
    path("privacy/verwerkingsregister/", views.register_view, name="register"),
    path("privacy/doelen/", views.purposes_view, name="purposes"),
    path("privacy/doelen/<int:pk>/", views.purposes_view, name="purpose_edit"),
    path("privacy/ldv/", views.ldv_export_view, name="ldv_export"),
    path(
        "cases/<int:case_pk>/persons/<int:person_pk>/informeren/",
        views.informing_view,
        name="informing",
    ),
    path("cases/<int:case_pk>/bewaarplicht/", views.legal_hold_view, name="legal_hold"),
    path(
        "cases/<int:case_pk>/bewaartermijn/", views.retention_extend_view, name="retention_extend"
    ),
    path("cases/<int:case_pk>/geschiedenis/", views.case_history_view, name="case_history"),
]
