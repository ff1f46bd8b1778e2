# SPDX-License-Identifier: EUPL-1.2
"""Pages of the perpetrator's track. Every view starts from the cases the user may see;
who may not record gets the same 404 as a case that does not exist."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny as _refuse
from audit.services import audit_record
from casework.selectors import case_get_for
from config.forms import add_service_errors
from perpetrator import services
from perpetrator.forms import BreachForm, ConditionForm, CustodyForm, ReleaseForm
from perpetrator.permissions import can_record_track
from perpetrator.selectors import conditions_visible_to, custody_get_for, may_relapse

TEMPLATE = "perpetrator/track_form.html"


def _case_for_recording(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not can_record_track(request.user, case):
        _refuse(request, case)
    return case


def _page(request, case, form, title, **extra):
    return render(request, TEMPLATE, {"case": case, "form": form, "title": title, **extra})


def condition_create_view(request, case_pk):
    case = _case_for_recording(request, case_pk)
    form = ConditionForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.condition_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return _page(request, case, form, _("Voorwaarde voor de pleger vastleggen"))


def custody_create_view(request, case_pk):
    case = _case_for_recording(request, case_pk)
    form = CustodyForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.custody_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return _page(request, case, form, _("Hechtenis en vrijlating vastleggen"))


def custody_release_view(request, case_pk, pk):
    case = _case_for_recording(request, case_pk)
    custody = custody_get_for(request.user, case, pk)
    form = ReleaseForm(request.POST or None, initial={"release_on": custody.release_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.custody_set_release(actor=request.user, custody=custody, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        case=case,
        obj=custody,
        persons=[custody.person],
        path=request.path,
    )
    return _page(request, case, form, _("Datum van vrijlating wijzigen"), custody=custody)


def breach_create_view(request, case_pk):
    case = _case_for_recording(request, case_pk)
    conditions = conditions_visible_to(request.user, case)
    form = BreachForm(
        request.POST or None,
        conditions=conditions,
        organisation=request.user.organisation,
        offer_relapse=may_relapse(request.user, case),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("reported_by", None)
        try:
            services.breach_record(actor=request.user, case=case, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return _page(request, case, form, _("Overtreding van een voorwaarde vastleggen"))
