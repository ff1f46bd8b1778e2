# SPDX-License-Identifier: EUPL-1.2
"""Recording the safety scale of a risk."""

from django.contrib import messages
from django.utils.translation import gettext as _

from safetyplan import permissions, selectors, services
from safetyplan.forms import (
    ScaleScoreForm,
)
from safetyplan.views.base import _case, _plan_url, _refuse, edit_page


def scale_score_view(request, case_pk, risk_pk):
    case = _case(request, case_pk)
    risk = selectors.risk_of_case(case, risk_pk)
    if risk is None or not permissions.can_record_score(request.user, case):
        _refuse(request, case)

    def done(score):
        messages.success(request, _("De score is vastgelegd."))
        return _plan_url(case)

    return edit_page(
        request,
        case,
        ScaleScoreForm,
        save=lambda cd: services.scale_score_record(actor=request.user, risk=risk, **cd),
        done=done,
        title=_("Score op de veiligheidsschaal vastleggen"),
        submit=_("Score opslaan"),
    )
