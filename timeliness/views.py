# SPDX-License-Identifier: EUPL-1.2
"""The timeliness report and the form for the reason of a miss."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny as _refuse
from audit.services import audit_record, audit_record_cases
from casework.selectors import case_get_for
from config.forms import add_service_errors
from timeliness import services
from timeliness.forms import ReasonForm, ReportFilterForm
from timeliness.permissions import can_explain_miss, can_view_timeliness_report
from timeliness.selectors import miss_get_for, misses_visible_to, target_shares

REPORT_PAGE = 50


def report_view(request):
    if not can_view_timeliness_report(request.user):
        raise PermissionDenied
    form = ReportFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    misses = misses_visible_to(
        request.user,
        target=filters.get("target", ""),
        unexplained=filters.get("unexplained", False),
    )
    page = Paginator(misses, REPORT_PAGE).get_page(request.GET.get("page"))
    audit_record_cases(
        actor=request.user,
        action=Action.VIEW,
        cases={miss.case_id: miss.case for miss in page}.values(),
        path=request.path,
    )
    query = request.GET.copy()
    query.pop("page", None)
    now = timezone.now()
    return render(
        request,
        "timeliness/report.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "shares": target_shares(request.user, year=timezone.localdate(now).year, now=now),
            "year": timezone.localdate(now).year,
        },
    )


def reason_view(request, case_pk, miss_pk):
    case = case_get_for(request.user, case_pk)
    miss = miss_get_for(case, miss_pk)
    if not can_explain_miss(request.user, case):
        _refuse(request, case)
    form = ReasonForm(request.POST or None, initial={"reason": miss.reason})
    back = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.target_miss_explain(
                actor=request.user, miss=miss, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(back) if back else redirect("casework:case_detail", case_pk=case.pk)
    # The form shows the miss and its reason so far: a read of the case's data.
    audit_record(actor=request.user, action=Action.VIEW, case=case, obj=miss, path=request.path)
    return render(
        request,
        "timeliness/reason_form.html",
        {"case": case, "miss": miss, "form": form, "next": back, "title": _("Reden vastleggen")},
    )
