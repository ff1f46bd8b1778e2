# SPDX-License-Identifier: EUPL-1.2
"""/api/v1/…: plural nouns, no trailing slashes (API Design Rules). A breaking change
gets /api/v2/ beside this one (docs/api.md)."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from api import views

app_name = "api_v1"


def _open(view):
    # Partner systems authenticate with a token, not with the session login.
    return login_not_required(view)


urlpatterns = [
    path("openapi.json", _open(SpectacularJSONAPIView.as_view(api_version="v1")), name="schema"),
    path(
        "docs",
        _open(SpectacularSwaggerSplitView.as_view(url_name="api_v1:schema")),
        name="docs",
    ),
    path("cases", _open(views.CaseList.as_view()), name="cases"),
    path("cases/<int:case_id>", _open(views.CaseDetail.as_view()), name="case"),
    path("cases/<int:case_id>/persons", _open(views.CasePersons.as_view()), name="case_persons"),
    path(
        "cases/<int:case_id>/incidents",
        _open(views.IncidentCreate.as_view()),
        name="case_incidents",
    ),
    path(
        "cases/<int:case_id>/plan-versions",
        _open(views.PlanVersionList.as_view()),
        name="plan_versions",
    ),
    path(
        "cases/<int:case_id>/plan-versions/<int:number>",
        _open(views.PlanVersionDetail.as_view()),
        name="plan_version",
    ),
    path(
        "cases/<int:case_id>/plan-versions/<int:number>/acknowledgements",
        _open(views.PlanAcknowledgementCreate.as_view()),
        name="plan_acknowledgements",
    ),
    path("agreements", _open(views.AgreementList.as_view()), name="agreements"),
    path("agreements/<int:agreement_id>", _open(views.AgreementDetail.as_view()), name="agreement"),
    path("actions", _open(views.ActionList.as_view()), name="actions"),
    path("deadlines", _open(views.DeadlineList.as_view()), name="deadlines"),
    path("huisverboden", _open(views.HuisverbodList.as_view()), name="huisverboden"),
    # [\s\S]: any character, a newline (%0A) included, still gets the API's own 404.
    re_path(r"^(?P<rest>[\s\S]*)$", _open(csrf_exempt(views.not_found)), name="not_found"),
]
