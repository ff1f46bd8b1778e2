# SPDX-License-Identifier: EUPL-1.2
"""No page without the second factor: an authenticated session that has not passed it is
sent to enrolment (no authenticator yet) or to the code page. Runs after django-otp's
OTPMiddleware, which tells whether the session is verified."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.twofactor import EXEMPT, PROVIDER, SESSION_KEY

# URL names an unverified session may still reach.
OPEN_URL_NAMES = {
    "accounts:two_factor_verify",
    "accounts:two_factor_enrol",
    "accounts:logout",
    "accounts:login",
    "set_language",
    "healthz",
    "security-txt",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return None
        if request.session.get(SESSION_KEY) in (EXEMPT, PROVIDER):
            return None
        match = request.resolver_match
        if match is not None and match.view_name in OPEN_URL_NAMES:
            return None
        enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        target = "accounts:two_factor_verify" if enrolled else "accounts:two_factor_enrol"
        response = redirect(target)
        if request.method == "GET":
            response["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return response
