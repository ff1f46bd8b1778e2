# SPDX-License-Identifier: EUPL-1.2
"""Acknowledging an adopted version."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan import selectors, services
from safetyplan.views.base import (
    _case,
    _plan_url,
    _refuse,
)


@require_POST
def acknowledge_view(request, case_pk, number):
    case = _case(request, case_pk)
    version = selectors.version_get(case, number)
    try:
        services.plan_acknowledge(actor=request.user, version=version)
    except PermissionDenied:
        _refuse(request, case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw organisatie heeft deze versie voor gezien getekend."))
    return redirect(_plan_url(case, "acknowledgements"))
