# SPDX-License-Identifier: EUPL-1.2
"""Toetsing and huisverbod pages. Every view starts from the cases the user may see."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny as _refuse
from audit.services import audit_record, audit_record_many
from casework.selectors import case_get_for
from config.forms import add_service_errors
from huisverbod import services as services
from huisverbod.forms import (
    HuisverbodExtendForm,
    HuisverbodForm,
    HuisverbodWithdrawForm,
    ToetsingForm,
)
from huisverbod.models import ToetsingOutcome
from huisverbod.permissions import can_extend_huisverbod, can_impose_huisverbod, can_record_toetsing
from huisverbod.selectors import countdown, running_huisverboden_visible_to

TEMPLATE = "huisverbod/huisverbod_form.html"


def toetsing_create_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not can_record_toetsing(request.user, case):
        _refuse(request, case)
    form = ToetsingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            toetsing = services.toetsing_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if toetsing.outcome == ToetsingOutcome.HUISVERBOD and can_impose_huisverbod(
                request.user, case
            ):
                return redirect("huisverbod:huisverbod_create", case_pk=case.pk)
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(
        request, TEMPLATE, {"case": case, "form": form, "title": _("Toetsing vastleggen")}
    )


def huisverbod_create_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not can_impose_huisverbod(request.user, case):
        _refuse(request, case)
    form = HuisverbodForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["contact_ban_persons"] = list(data["contact_ban_persons"])
        try:
            services.huisverbod_impose(actor=request.user, case=case, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(
        request, TEMPLATE, {"case": case, "form": form, "title": _("Huisverbod vastleggen")}
    )


def _huisverbod(request, case, pk):
    huisverbod = case.huisverboden.select_related("person").filter(pk=pk).first()
    if huisverbod is None:
        _refuse(request, case)
    return huisverbod


def _decision_view(request, case_pk, pk, *, form_class, service, title):
    case = case_get_for(request.user, case_pk)
    huisverbod = _huisverbod(request, case, pk)
    allowed = can_extend_huisverbod(request.user, case)
    initial = {"new_end": timezone.localtime(huisverbod.latest_possible_end)}
    form = form_class(request.POST or None, initial=initial)
    refusal = ""
    if not allowed:
        # Someone who sees the case but may not decide (police, coordinator) is told why,
        # on this page; nothing is saved.
        refusal = _(
            "Alleen een gemeenteambtenaar (namens de burgemeester) kan een huisverbod "
            "verlengen of intrekken; dit kan niet worden gemandateerd aan de politie."
        )
    elif request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, huisverbod=huisverbod, **form.cleaned_data)
        except PermissionDenied:
            _refuse(request, case)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        case=case,
        obj=huisverbod,
        persons=[huisverbod.person],
        path=request.path,
    )
    return render(
        request,
        TEMPLATE,
        {
            "case": case,
            "form": form,
            "title": title,
            "huisverbod": huisverbod,
            "countdown": countdown(huisverbod, now=timezone.now()),
            "allowed": allowed,
            "refusal": refusal,
        },
    )


def huisverbod_extend_view(request, case_pk, pk):
    return _decision_view(
        request,
        case_pk,
        pk,
        form_class=HuisverbodExtendForm,
        service=services.huisverbod_extend,
        title=_("Huisverbod verlengen"),
    )


def huisverbod_withdraw_view(request, case_pk, pk):
    return _decision_view(
        request,
        case_pk,
        pk,
        form_class=HuisverbodWithdrawForm,
        service=services.huisverbod_withdraw,
        title=_("Huisverbod intrekken"),
    )


def huisverbod_overview_view(request):
    """Every running huisverbod the user may see, soonest end first."""
    if not request.user.has_perm("huisverbod.view_huisverbod"):
        raise PermissionDenied
    now = timezone.now()
    huisverboden = list(running_huisverboden_visible_to(request.user)[:200])
    audit_record_many(
        actor=request.user,
        action=Action.VIEW,
        items=[(h.case, h, [h.person_id]) for h in huisverboden],
        path=request.path,
    )
    return render(
        request,
        "huisverbod/huisverbod_overview.html",
        {"countdowns": [countdown(h, now=now) for h in huisverboden]},
    )
