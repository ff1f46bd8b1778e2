# SPDX-License-Identifier: EUPL-1.2
"""What every safety-plan page shares: the case and its editable draft, and the form page
that can meet a save someone else overtook (both texts shown)."""

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse

from audit.services import audit_deny
from casework.selectors import case_get_for
from config.forms import add_service_errors
from safetyplan import permissions, selectors
from safetyplan.models import (
    RiskItem,
    VersionStatus,
)
from safetyplan.services import StaleEditError

_refuse = audit_deny  # logs the attempt, then answers 404


def _case(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_view_plan(request.user, case):
        _refuse(request, case)
    return case


def _editable(request, case_pk):
    """The case and its draft, for the coordinator; anyone else gets 404."""
    case = _case(request, case_pk)
    if not permissions.can_edit_plan(request.user, case):
        _refuse(request, case)
    draft = selectors.draft_of(case)
    if draft is None:
        _refuse(request, case)
    return case, draft


def _plan_url(case, anchor=""):
    url = reverse("safetyplan:plan", kwargs={"case_pk": case.pk})
    return f"{url}#{anchor}" if anchor else url


def _submit(request, form, save, *, locked=True):
    """Run the service; map its refusal onto the form. On a stale save the form keeps the
    user's text and takes the current lock_version, and `conflict` holds the stored text."""
    try:
        return save(), None
    except StaleEditError as error:
        data = request.POST.copy()
        data["lock_version"] = str(error.lock_version)
        fresh = type(form)(data, **getattr(form, "_init_kwargs", {}))
        fresh.is_valid()
        add_service_errors(fresh, error)
        return None, (fresh, error.current)
    except ValidationError as error:
        add_service_errors(form, error)
        return None, (form, None)


def _form_page(request, case, form, *, title, submit, conflict=None, extra=None):
    conflict_rows = []
    if conflict:
        for name, stored in conflict.items():
            if name in form.fields:
                conflict_rows.append(
                    {
                        "label": form.fields[name].label,
                        "mine": form.data.get(name, ""),
                        "stored": stored,
                    }
                )
    return render(
        request,
        "safetyplan/form_page.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "submit_label": submit,
            "conflict": conflict_rows,
            **(extra or {}),
        },
    )


def _make(form_class, data=None, **kwargs):
    form = form_class(data, **kwargs)
    form._init_kwargs = {k: v for k, v in kwargs.items() if k != "initial"}
    return form


def _item_in_draft(request, case, draft, item_pk) -> RiskItem:
    item = RiskItem.objects.filter(pk=item_pk, version=draft).select_related("risk").first()
    if item is None:
        _refuse(request, case)
    return item


def _visible_version(request, case, number):
    version = selectors.version_get(case, number)
    if version.status == VersionStatus.DRAFT and not permissions.can_edit_plan(request.user, case):
        _refuse(request, case)
    return version
