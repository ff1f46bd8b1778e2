# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from safetyplan import views

app_name = "safetyplan"

urlpatterns = [
    path("", views.plan_view, name="plan"),
    path("draft/", views.start_draft_view, name="start_draft"),
    path("adopt/", views.adopt_view, name="adopt"),
    path("summary/", views.summary_view, name="summary"),
    path("risks/new/", views.risk_item_create_view, name="risk_item_create"),
    path("risks/rank/", views.rerank_view, name="rerank"),
    path("risks/<int:item_pk>/", views.risk_item_update_view, name="risk_item_update"),
    path("risks/<int:item_pk>/replace/", views.risk_item_replace_view, name="risk_item_replace"),
    path("risks/<int:item_pk>/conditions/new/", views.condition_view, name="condition_create"),
    path(
        "risks/<int:item_pk>/conditions/<int:condition_pk>/",
        views.condition_view,
        name="condition_update",
    ),
    path(
        "risks/<int:item_pk>/conditions/<int:condition_pk>/delete/",
        views.condition_delete_view,
        name="condition_delete",
    ),
    path("risks/<int:item_pk>/agreements/new/", views.agreement_view, name="agreement_create"),
    path(
        "risks/<int:item_pk>/agreements/<int:agreement_pk>/",
        views.agreement_view,
        name="agreement_update",
    ),
    path(
        "risks/<int:item_pk>/agreements/<int:agreement_pk>/delete/",
        views.agreement_delete_view,
        name="agreement_delete",
    ),
    path(
        "agreements/<int:agreement_pk>/status/",
        views.agreement_status_view,
        name="agreement_status",
    ),
    path("scores/<int:risk_pk>/", views.scale_score_view, name="scale_score"),
    path("recovery/<int:person_pk>/", views.recovery_plan_view, name="recovery_plan"),
    path("versions/", views.version_list_view, name="versions"),
    path("versions/<int:number>/", views.version_detail_view, name="version"),
    path("versions/<int:number>/acknowledge/", views.acknowledge_view, name="acknowledge"),
    path("versions/<int:number>/pdf/", views.export_pdf_view, name="export_pdf"),
    path("compare/", views.compare_view, name="compare"),
]
