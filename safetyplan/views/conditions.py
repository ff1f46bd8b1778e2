# SPDX-License-Identifier: EUPL-1.2
"""Pages of the safety conditions of a risk item."""

from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan import services
from safetyplan.forms import (
    ConditionForm,
)
from safetyplan.models import (
    SafetyCondition,
)
from safetyplan.views.base import (
    _editable,
    _form_page,
    _item_in_draft,
    _make,
    _plan_url,
    _refuse,
    _submit,
)


def condition_view(request, case_pk, item_pk, condition_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition = None
    initial = None
    if condition_pk is not None:
        condition = SafetyCondition.objects.filter(pk=condition_pk, risk_item=item).first()
        if condition is None:
            _refuse(request, case)
        initial = {
            "text": condition.text,
            "is_met": condition.is_met,
            "lock_version": condition.lock_version,
        }
    form = _make(ConditionForm, request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        if condition is None:
            save = lambda: services.condition_create(  # noqa: E731
                actor=request.user, item=item, text=cd["text"], is_met=cd["is_met"]
            )
        else:
            save = lambda: services.condition_update(  # noqa: E731
                actor=request.user,
                condition=condition,
                text=cd["text"],
                is_met=cd["is_met"],
                lock_version=cd["lock_version"],
            )
        saved, failed = _submit(request, form, save)
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Veiligheidsvoorwaarde bij: %(title)s") % {"title": item.title},
        submit=_("Voorwaarde opslaan"),
        conflict=conflict,
    )


@require_POST
def condition_delete_view(request, case_pk, item_pk, condition_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition = SafetyCondition.objects.filter(pk=condition_pk, risk_item=item).first()
    if condition is None:
        _refuse(request, case)
    services.condition_delete(actor=request.user, condition=condition)
    return redirect(_plan_url(case, f"item-{item.pk}"))
