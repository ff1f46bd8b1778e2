# SPDX-License-Identifier: EUPL-1.2
from django.urls import path

from accounts import views

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("2fa/", views.two_factor_verify_view, name="two_factor_verify"),
    path("2fa/instellen/", views.two_factor_enrol_view, name="two_factor_enrol"),
    path("2fa/herstelcodes/", views.recovery_codes_view, name="recovery_codes"),
]
