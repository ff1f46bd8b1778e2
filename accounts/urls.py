# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import path, reverse_lazy

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
    # The only way to a new password: the link an administrator's reset sends the owner.
    path(
        "wachtwoord/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(
                template_name="accounts/password_reset_confirm.html",
                success_url=reverse_lazy("accounts:password_reset_complete"),
            )
        ),
        name="password_reset_confirm",
    ),
    path(
        "wachtwoord/opgeslagen/",
        login_not_required(
            auth_views.PasswordResetCompleteView.as_view(
                template_name="accounts/password_reset_complete.html"
            )
        ),
        name="password_reset_complete",
    ),
]
