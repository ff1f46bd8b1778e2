# SPDX-License-Identifier: EUPL-1.2
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path
from django.views.generic import TemplateView

from accounts import views as account_views
from config.health import healthz

urlpatterns = [
    path("", account_views.home, name="home"),
    path("healthz", healthz, name="healthz"),
    path(
        "toegankelijkheid/",
        login_not_required(TemplateView.as_view(template_name="accessibility.html")),
        name="accessibility",
    ),
    path("accounts/", include("accounts.urls")),
    path("cases/", include("casework.urls")),
    path("cases/<int:case_pk>/plan/", include("safetyplan.urls")),
    path("", include("huisverbod.urls")),
    path("", include("deadlines.urls")),
    path("", include("notifications.urls")),
    path("", include("privacy.urls")),
    path("audit/", include("audit.urls")),
    path("conferences/", include("conferences.urls")),
    path("overview/", include("overviews.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
