# SPDX-License-Identifier: EUPL-1.2
"""Recording the safety scale of a risk."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.forms import add_service_errors
from safetyplan import permissions, services
from safetyplan.forms import (
    ScaleScoreForm,
)
from safetyplan.models import (
    Risk,
)
from safetyplan.views.base import (
    _case,
    _form_page,
    _plan_url,
    _refuse,
)


def scale_score_view(request, case_pk, risk_pk):
    case = _case(request, case_pk)
    risk = Risk.objects.filter(pk=risk_pk, plan__case=case).first()
    if risk is None or not permissions.can_record_score(request.user, case):
        _refuse(request, case)
    form = ScaleScoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_score_record(
                actor=request.user,
                risk=risk,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De score is vastgelegd."))
            return redirect(_plan_url(case))
    return _form_page(
        request,
        case,
        form,
        title=_("Score op de veiligheidsschaal vastleggen"),
        submit=_("Score opslaan"),
    )
