# SPDX-License-Identifier: EUPL-1.2
"""`Authorization: Bearer cr_…`: the partner system acts as its token's service account."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from api.services import token_check, token_touch
from audit.models import Action
from audit.services import audit_record


class OrganisationTokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).decode(errors="replace")
        if not header:
            return None
        keyword, _sep, plaintext = header.partition(" ")
        if keyword.lower() != self.keyword.lower() or not plaintext.strip():
            return None
        now = timezone.now()
        token = token_check(plaintext=plaintext.strip(), now=now)
        if token is None:
            # The public prefix only: never the secret.
            parts = plaintext.strip().split("_")
            prefix = parts[1][:12] if len(parts) > 2 else ""
            audit_record(
                actor=None,
                action=Action.FAILED_LOGIN,
                username=f"api-{prefix}" if prefix else "api",
                purpose="API-token geweigerd",
                path=request.path,
            )
            raise exceptions.AuthenticationFailed(
                _("Dit token is onbekend, verlopen, ingetrokken of nog niet goedgekeurd.")
            )
        token_touch(token=token, now=now)
        user = token.service_user
        user.api_token = token
        return user, token

    def authenticate_header(self, request):
        return f'{self.keyword} realm="casusregie"'


class OrganisationTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.OrganisationTokenAuthentication"
    name = "organisationToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Een API-token van uw organisatie (cr_…), zie docs/api.md.",
        }
