# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from accounts.help import favicon_view, help_view
from config.health import healthz
from config.wellknown import security_txt
from overviews import views as overview_views

urlpatterns = [
    path("", overview_views.my_work_view, name="home"),
    path("healthz", healthz, name="healthz"),
    path(".well-known/security.txt", security_txt, name="security-txt"),
    path("favicon.ico", favicon_view, name="favicon"),
    path("help/", help_view, name="help"),
    path("help/<slug:role>/", help_view, name="help_role"),
    path(
        "toegankelijkheid/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include("accounts.urls")),
    path("cases/", include("casework.urls")),
    path("cases/<int:case_pk>/plan/", include("safetyplan.urls")),
    path("cases/<int:case_pk>/documents/", include("documents.urls")),
    path("", include("huisverbod.urls")),
    path("", include("perpetrator.urls")),
    path("", include("outcomes.urls")),
    path("", include("timeliness.urls")),
    path("", include("deadlines.urls")),
    path("", include("notifications.urls")),
    path("", include("privacy.urls")),
    path("audit/", include("audit.urls")),
    path("conferences/", include("conferences.urls")),
    path("overview/", include("overviews.urls")),
    path("api/v1/", include("api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
