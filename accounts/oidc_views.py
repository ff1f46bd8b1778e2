# SPDX-License-Identifier: EUPL-1.2
"""The browser side of single sign-on: start the flow at the chosen organisation's
provider, come back, and log out there too (RP-initiated logout) where it supports it."""

import json
from urllib.parse import urlencode, urlsplit

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from mozilla_django_oidc.utils import absolutify
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.models import OIDCProvider
from accounts.oidc import SESSION_ID_TOKEN, SESSION_PROVIDER, SESSION_SECOND_FACTOR
from accounts.twofactor import PROVIDER, SESSION_KEY
from accounts.views import LogoutView


@method_decorator(login_not_required, name="dispatch")
class ProviderLoginView(OIDCAuthenticationRequestView):
    """/accounts/oidc/<provider>/: redirect to that organisation's provider."""

    def __init__(self, *args, **kwargs):  # configured per provider in get()
        self.provider = None

    def get_settings(self, attr, *args):
        if attr == "OIDC_RP_SCOPES" and self.provider is not None:
            return self.provider.scopes
        return super().get_settings(attr, *args)

    def get_extra_params(self, request):
        """Ask for acr and amr in the ID token (OIDC claims parameter) when the provider's
        login may count as the second factor, so the decision rests on signed claims."""
        params = dict(super().get_extra_params(request))
        if self.provider.second_factor_acr or self.provider.second_factor_amr:
            params["claims"] = json.dumps({"id_token": {"acr": None, "amr": None}})
        return params

    def get(self, request, provider_id: int):
        provider = OIDCProvider.objects.filter(pk=provider_id, is_active=True).first()
        if provider is None:
            raise Http404
        self.provider = provider
        self.OIDC_OP_AUTH_ENDPOINT = provider.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        request.session[SESSION_PROVIDER] = provider.pk
        return super().get(request)


@method_decorator(login_not_required, name="dispatch")
class ProviderCallbackView(OIDCAuthenticationCallbackView):
    def login_failure(self):
        outcome = getattr(self.request, "casusregie_oidc_outcome", "refused")
        return HttpResponseRedirect(f"{reverse('accounts:login')}?{urlencode({'sso': outcome})}")

    def login_success(self):
        response = super().login_success()
        session = self.request.session
        if session.get(SESSION_SECOND_FACTOR):
            session[SESSION_KEY] = PROVIDER  # the provider's acr/amr counts as the second factor
        return response


class ProviderAwareLogoutView(LogoutView):
    """Ends the Casusregie session; after an SSO login, the page that follows offers to end
    the session at the organisation's provider too (RP-initiated logout), when it has an
    end_session_endpoint: a GET form to that endpoint (id_token_hint, client_id,
    post_logout_redirect_uri, as OpenID Connect RP-Initiated Logout 1.0 defines), allowed by
    this one page's Content-Security-Policy form-action. The user decides: ending the
    organisation's own session may not be what someone on a shared desk wants."""

    def post(self, request, *args, **kwargs):
        provider_id = request.session.get(SESSION_PROVIDER)
        id_token = request.session.get(SESSION_ID_TOKEN)
        response = super().post(request, *args, **kwargs)
        provider = (
            OIDCProvider.objects.select_related("organisation").filter(pk=provider_id).first()
            if provider_id and id_token
            else None
        )
        if provider is None or not provider.end_session_endpoint:
            return response
        page = TemplateResponse(
            request,
            "accounts/oidc_logged_out.html",
            {
                "provider": provider,
                "id_token": id_token,
                "post_logout_redirect_uri": absolutify(request, reverse("accounts:login")),
            },
        )
        endpoint = urlsplit(provider.end_session_endpoint)
        page._csp_update = {"form-action": [f"{endpoint.scheme}://{endpoint.netloc}"]}
        return page
