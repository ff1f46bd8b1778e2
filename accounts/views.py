# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accounts import twofactor
from accounts.forms import EnrolForm, LoginForm, TokenForm
from accounts.models import OIDCProvider
from audit.models import Action
from audit.services import audit_record


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["dev_bypass"] = twofactor.dev_bypass_active()
        context["providers"] = OIDCProvider.objects.filter(is_active=True).select_related(
            "organisation"
        )
        context["sso_message"] = {
            "pending": _(
                "U bent bij uw organisatie ingelogd, maar uw account is nog niet gekoppeld "
                "aan Casusregie. Een functioneel beheerder moet het koppelen en een tweede "
                "beheerder moet dat goedkeuren."
            ),
            "refused": _("Inloggen via uw organisatie is mislukt. Probeer het opnieuw."),
        }.get(self.request.GET.get("sso", ""))
        return context


class LogoutView(auth_views.LogoutView):
    pass


def lockout(request, original_response=None, credentials=None):
    """django-axes' answer to a locked account: the login page with a Dutch message."""
    form = LoginForm(request, initial={"username": request.POST.get("username", "")})
    message = _(
        "Dit account is tijdelijk geblokkeerd na te veel mislukte inlogpogingen. "
        "Probeer het over %(minutes)d minuten opnieuw of neem contact op met de "
        "functioneel beheerder."
    ) % {"minutes": _cooloff_minutes()}
    return render(
        request, "accounts/login.html", {"form": form, "locked_message": message}, status=429
    )


def _cooloff_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    return int(cooloff.total_seconds() // 60) if cooloff else 0


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


def two_factor_verify_view(request):
    """The second step of logging in: a code from the authenticator or a recovery code."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not twofactor.has_authenticator(request.user):
        return redirect("accounts:two_factor_enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = twofactor.verify_second_factor(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            audit_record(
                actor=request.user,
                action=Action.LOGIN,
                purpose="tweede factor",
                path=request.path,
            )
            return redirect(_next_url(request))
        audit_record(
            actor=request.user,
            action=Action.FAILED_LOGIN,
            purpose="tweede factor",
            path=request.path,
        )
        form.add_error(
            "token",
            _("Deze code klopt niet of is verlopen. Probeer de nieuwe code uit de app."),
        )
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _next_url(request)},
    )


def two_factor_enrol_view(request):
    """First login: link an authenticator app with a QR code, confirm with a code, and
    receive recovery codes."""
    if twofactor.has_authenticator(request.user) and not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    device = twofactor.totp_device_start(user=request.user)
    form = EnrolForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = twofactor.totp_device_confirm(
            user=request.user, device=device, token=form.cleaned_data["token"]
        )
        if codes is not None:
            device.refresh_from_db()
            otp_login(request, device)
            request.session[twofactor.SESSION_KEY] = twofactor.REQUIRED
            audit_record(
                actor=request.user,
                action=Action.CREATE,
                obj=device,
                purpose="tweestapsverificatie ingesteld",
                path=request.path,
            )
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _next_url(request)},
            )
        form.add_error(
            "token",
            _("Deze code klopt niet. Controleer of de tijd op uw telefoon juist staat."),
        )
    return render(
        request,
        "accounts/two_factor_enrol.html",
        {
            "form": form,
            "qr": twofactor.qr_svg_data_uri(device),
            "secret": twofactor.secret_for_manual_entry(device),
            "next": _next_url(request),
        },
    )


@require_POST
def recovery_codes_view(request):
    """New recovery codes (the old ones stop working); only for a verified session."""
    if not request.user.is_verified():
        return redirect("accounts:two_factor_verify")
    codes = twofactor.recovery_codes_regenerate(user=request.user)
    audit_record(
        actor=request.user,
        action=Action.UPDATE,
        purpose="herstelcodes vernieuwd",
        path=request.path,
    )
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})
