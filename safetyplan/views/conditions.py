# SPDX-License-Identifier: EUPL-1.2
"""Pages of the safety conditions of a risk item."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan import selectors, services
from safetyplan.forms import (
    ConditionForm,
)
from safetyplan.views.base import _editable, _item_in_draft, _plan_url, _refuse, edit_page


def condition_view(request, case_pk, item_pk, condition_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition, initial = None, None
    if condition_pk is not None:
        condition = selectors.condition_in(item, condition_pk)
        if condition is None:
            _refuse(request, case)
        initial = {
            "text": condition.text,
            "is_met": condition.is_met,
            "lock_version": condition.lock_version,
        }

    def save(cd):
        if condition is None:
            return services.condition_create(
                actor=request.user, item=item, text=cd["text"], is_met=cd["is_met"]
            )
        return services.condition_update(actor=request.user, condition=condition, **cd)

    return edit_page(
        request,
        case,
        ConditionForm,
        initial=initial,
        save=save,
        done=lambda saved: _plan_url(case, f"item-{item.pk}"),
        title=_("Veiligheidsvoorwaarde bij: %(title)s") % {"title": item.title},
        submit=_("Voorwaarde opslaan"),
    )


@require_POST
def condition_delete_view(request, case_pk, item_pk, condition_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition = selectors.condition_in(item, condition_pk)
    if condition is None:
        _refuse(request, case)
    services.condition_delete(actor=request.user, condition=condition)
    return redirect(_plan_url(case, f"item-{item.pk}"))
