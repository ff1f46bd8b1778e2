# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from perpetrator import views

app_name = "perpetrator"

urlpatterns = [
    path(
        "cases/<int:case_pk>/perpetrator/conditions/new/",
        views.condition_create_view,
        name="condition_create",
    ),
    path(
        "cases/<int:case_pk>/perpetrator/custody/new/",
        views.custody_create_view,
        name="custody_create",
    ),
    path(
        "cases/<int:case_pk>/perpetrator/custody/<int:pk>/release/",
        views.custody_release_view,
        name="custody_release",
    ),
    path(
        "cases/<int:case_pk>/perpetrator/breaches/new/",
        views.breach_create_view,
        name="breach_create",
    ),
]
