# SPDX-License-Identifier: EUPL-1.2
"""Pages of the Top-3 risk items of a draft."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from config.forms import add_service_errors
from safetyplan import services
from safetyplan.forms import (
    RerankForm,
    RiskItemContentForm,
    RiskItemForm,
    RiskItemReplaceForm,
)
from safetyplan.models import (
    ItemStatus,
)
from safetyplan.services import RISK_ITEM_FIELDS
from safetyplan.views.base import (
    _editable,
    _form_page,
    _item_in_draft,
    _make,
    _plan_url,
    _refuse,
    _submit,
)


def risk_item_create_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    taken = set(draft.risk_items.filter(status=ItemStatus.ACTIVE).values_list("rank", flat=True))
    free = next((r for r in (1, 2, 3) if r not in taken), None)
    form = _make(RiskItemForm, request.POST or None, initial={"rank": free})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        item, failed = _submit(
            request,
            form,
            lambda: services.risk_item_create(
                actor=request.user, version=draft, rank=form.cleaned_data["rank"], **data
            ),
        )
        if item:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form = failed[0]
    return _form_page(
        request, case, form, title=_("Onveilige situatie toevoegen"), submit=_("Situatie opslaan")
    )


def risk_item_update_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    initial = {k: getattr(item, k) for k in RISK_ITEM_FIELDS} | {"lock_version": item.lock_version}
    form = _make(RiskItemContentForm, request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        saved, failed = _submit(
            request,
            form,
            lambda: services.risk_item_update(
                actor=request.user,
                item=item,
                lock_version=form.cleaned_data["lock_version"],
                **data,
            ),
        )
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Onveilige situatie wijzigen"),
        submit=_("Wijzigingen opslaan"),
        conflict=conflict,
    )


def risk_item_replace_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    if item.status != ItemStatus.ACTIVE:
        _refuse(request, case)
    form = _make(RiskItemReplaceForm, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        new, failed = _submit(
            request,
            form,
            lambda: services.risk_item_replace(
                actor=request.user,
                item=item,
                reason=form.cleaned_data["replacement_reason"],
                **data,
            ),
        )
        if new:
            messages.success(
                request, _("De situatie is vervangen; de oude blijft in de geschiedenis.")
            )
            return redirect(_plan_url(case, f"item-{new.pk}"))
        form = failed[0]
    return _form_page(
        request,
        case,
        form,
        title=_("Situatie %(rank)s vervangen: %(title)s")
        % {"rank": item.rank, "title": item.title},
        submit=_("Vervangen"),
    )


def rerank_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    items = list(draft.risk_items.filter(status=ItemStatus.ACTIVE))
    form = RerankForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_items_rerank(actor=request.user, version=draft, ranks=form.ranks())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_plan_url(case))
    return _form_page(
        request, case, form, title=_("Top-3 opnieuw rangschikken"), submit=_("Rangorde opslaan")
    )
