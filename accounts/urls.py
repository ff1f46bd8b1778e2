# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from accounts import oidc_views, views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", oidc_views.ProviderAwareLogoutView.as_view(), name="logout"),
    path("oidc/<int:provider_id>/", oidc_views.ProviderLoginView.as_view(), name="oidc_login"),
    path("oidc/callback/", oidc_views.ProviderCallbackView.as_view(), name="oidc_callback"),
    path("2fa/", views.two_factor_verify_view, name="two_factor_verify"),
    path("2fa/instellen/", views.two_factor_enrol_view, name="two_factor_enrol"),
    path("2fa/herstelcodes/", views.recovery_codes_view, name="recovery_codes"),
]
