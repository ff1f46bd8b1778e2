# SPDX-License-Identifier: EUPL-1.2
"""Errors as application/problem+json (RFC 9457), in Dutch or English after the
request's Accept-Language, with the fields a partner system needs to fix its call."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from safetyplan.services import StaleEditError

PROBLEM_TYPE = "https://casusregie.nl/api/problemen/"


class ProblemJSONRenderer(JSONRenderer):
    media_type = "application/problem+json"
    format = "problem+json"


def _titles() -> dict[int, tuple[str, str]]:
    return {
        400: ("ongeldige-invoer", _("De invoer is niet geldig.")),
        401: ("niet-geauthenticeerd", _("Geen geldig API-token meegestuurd.")),
        403: ("geen-toestemming", _("Uw organisatie mag dit niet doen.")),
        404: ("niet-gevonden", _("Niet gevonden.")),
        405: ("methode-niet-toegestaan", _("Deze methode is hier niet toegestaan.")),
        406: ("niet-aanvaardbaar", _("Dit antwoordformaat wordt niet ondersteund.")),
        409: ("conflict", _("Iemand anders heeft dit intussen gewijzigd.")),
        415: ("mediatype-niet-ondersteund", _("Stuur de gegevens als application/json.")),
        429: ("te-veel-verzoeken", _("Te veel verzoeken; probeer het later opnieuw.")),
    }


def _invalid_params(detail) -> list[dict]:
    params = []
    if isinstance(detail, dict):
        for name, reasons in detail.items():
            for reason in reasons if isinstance(reasons, list) else [reasons]:
                if isinstance(reason, dict):
                    params.extend(
                        {"name": f"{name}.{p['name']}", "reason": p["reason"]}
                        for p in _invalid_params(reason)
                    )
                else:
                    params.append({"name": str(name), "reason": str(reason)})
    elif isinstance(detail, list):
        params.extend({"name": "nonFieldErrors", "reason": str(r)} for r in detail)
    return params


def problem(request, code: int, *, detail: str = "", invalid=None, headers=None) -> Response:
    slug, title = _titles().get(code, ("fout", _("Er ging iets mis.")))
    body = {
        "type": PROBLEM_TYPE + slug,
        "title": title,
        "status": code,
        "detail": detail or title,
        "instance": request.path if request is not None else "",
    }
    if invalid:
        body["invalidParams"] = invalid
    response = Response(
        body, status=code, headers=headers, content_type=ProblemJSONRenderer.media_type
    )
    response["Content-Language"] = get_language() or "nl"
    return response


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        return problem(
            request,
            400,
            detail=" ".join(str(m) for m in (exc.messages or [])),
            invalid=_invalid_params(detail),
        )
    if isinstance(exc, StaleEditError):
        return problem(request, 409)
    if isinstance(exc, Http404):
        return problem(request, 404)
    if isinstance(exc, DjangoPermissionDenied):
        return problem(request, 403)
    if isinstance(exc, exceptions.ValidationError):
        return problem(request, 400, invalid=_invalid_params(exc.detail))
    if isinstance(exc, exceptions.Throttled):
        headers = {"Retry-After": str(int(exc.wait))} if exc.wait else None
        return problem(request, 429, headers=headers)
    if isinstance(exc, exceptions.APIException):
        code = exc.status_code
        if code == status.HTTP_403_FORBIDDEN and isinstance(exc, exceptions.NotAuthenticated):
            code = 401
        headers = {}
        if code == 401:
            headers["WWW-Authenticate"] = 'Bearer realm="casusregie"'
        detail = exc.detail if isinstance(exc.detail, str) else ""
        return problem(request, code, detail=str(detail), headers=headers)
    return None
