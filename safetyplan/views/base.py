# SPDX-License-Identifier: EUPL-1.2
"""What every safety-plan page shares: the case and its editable draft, and the form page
that can meet a save someone else overtook (both texts shown)."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
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


def edit_page(
    request,
    case,
    form_class,
    *,
    save,
    title,
    submit,
    done,
    initial=None,
    extra=None,
    form_kwargs=None,
):
    """The one flow of every form that edits the plan: bind, validate the shape, save
    through the service (`save(cleaned_data)`), then go to `done(saved)`. A refusal lands on
    its field; a save someone else overtook (StaleEditError) keeps the user's text, takes the
    current version token and shows both texts side by side."""
    form_kwargs = form_kwargs or {}
    form = form_class(request.POST or None, initial=initial, **form_kwargs)
    conflict_rows = []
    if request.method == "POST" and form.is_valid():
        try:
            saved = save(dict(form.cleaned_data))
        except StaleEditError as error:
            data = request.POST.copy()
            data["lock_version"] = str(error.lock_version)
            form = form_class(data, **form_kwargs)
            form.is_valid()
            add_service_errors(form, error)
            conflict_rows = [
                {"label": form.fields[name].label, "mine": data.get(name, ""), "stored": stored}
                for name, stored in error.current.items()
                if name in form.fields
            ]
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(done(saved))
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


def _item_in_draft(request, case, draft, item_pk) -> RiskItem:
    item = selectors.risk_item_in(draft, item_pk)
    if item is None:
        _refuse(request, case)
    return item


def _visible_version(request, case, number):
    version = selectors.version_get(case, number)
    if version.status == VersionStatus.DRAFT and not permissions.can_edit_plan(request.user, case):
        _refuse(request, case)
    return version
