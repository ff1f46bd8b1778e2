# SPDX-License-Identifier: EUPL-1.2
"""The managers' escalation queue and the decision page."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from audit.models import Action
from audit.services import audit_record, audit_record_many
from config.forms import add_service_errors
from config.pagination import next_page
from deadlines.clock import scan_day
from deadlines.forms import EscalationDecisionForm
from deadlines.selectors import escalation_get_for, escalation_queue_for
from deadlines.services.escalations import escalation_decide

QUEUE_PAGE = 50


def _days_late(escalation, day) -> int:
    return max((day - escalation.deadline.due_date).days, 0)


def escalation_queue_view(request):
    if not request.user.has_perm("deadlines.change_escalation"):
        raise PermissionDenied
    now = timezone.now()
    day = timezone.localdate(now)
    # A page at a time, the first to be decided first: the queue was cut at 200 rows
    # without saying so, while the navigation counted every open escalation.
    page = next_page(
        escalation_queue_for(request.user), per_page=QUEUE_PAGE, number=request.GET.get("page")
    )
    escalations = page.object_list
    audit_record_many(
        actor=request.user,
        action=Action.VIEW,
        items=[(e.case, e, ()) for e in escalations],
        path=request.path,
    )
    rows = [
        {
            "escalation": e,
            "days_late": _days_late(e, day),
            "response_overdue": e.response_due_at <= now,
        }
        for e in escalations
    ]
    return render(
        request,
        "deadlines/escalation_queue.html",
        {
            "rows": rows,
            "now": now,
            "pager": {"page": page, "param": "page", "query": ""},
            "page_size": QUEUE_PAGE,
        },
    )


def escalation_decide_view(request, pk):
    escalation = escalation_get_for(request.user, pk)  # 404 unless in this manager's queue
    case = escalation.case
    form = EscalationDecisionForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            escalation_decide(actor=request.user, escalation=escalation, **form.cleaned_data)
        except PermissionDenied:
            audit_record(actor=request.user, action=Action.DENIED, case=case, path=request.path)
            raise Http404 from None
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("deadlines:escalation_queue")
    audit_record(
        actor=request.user, action=Action.VIEW, case=case, obj=escalation, path=request.path
    )
    now = timezone.now()
    return render(
        request,
        "deadlines/escalation_decide.html",
        {
            "escalation": escalation,
            "case": case,
            "form": form,
            "days_late": _days_late(escalation, timezone.localdate(now)),
            "scan_day": scan_day(now),
        },
    )
