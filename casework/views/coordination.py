# SPDX-License-Identifier: EUPL-1.2
"""Handing coordination to another ZVH: the case's coordinator asks, with a reason; the
named coordinator of the receiving ZVH accepts or declines (casework.services.coordination).
Nothing changes until then; every step is in the access log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_deny, audit_record, audit_record_cases
from casework import permissions
from casework.forms import CoordinationDecisionForm, CoordinationTransferForm
from casework.models import CoordinationTransfer
from casework.selectors import case_get_for, coordination_transfers_for
from casework.services import coordination
from config.forms import add_service_errors


def coordination_transfer_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_case(request.user, case):
        audit_deny(request, case)
    pending = (
        case.coordination_transfers.filter(status=CoordinationTransfer.Status.PENDING)
        .select_related("to_coordinator", "to_organisation", "requested_by")
        .first()
    )
    form = CoordinationTransferForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            transfer = coordination.coordination_transfer_request(
                actor=request.user, case=case, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _(
                    "De overdracht van de regie is gevraagd aan %(who)s (%(org)s). Tot die "
                    "aanvaardt, houdt u de regie."
                )
                % {"who": transfer.to_coordinator, "org": transfer.to_organisation},
            )
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(
        request,
        "casework/coordination_transfer_form.html",
        {"case": case, "form": form, "pending": pending, "title": _("Regie overdragen")},
    )


def coordination_inbox_view(request):
    """The handovers this coordinator is asked to accept."""
    transfers = list(coordination_transfers_for(request.user))
    if transfers:  # the reference and the reason are case data: the reading is logged
        audit_record_cases(
            actor=request.user,
            action=Action.VIEW,
            cases=[t.case for t in transfers],
            path=request.path,
        )
    return render(
        request,
        "casework/coordination_inbox.html",
        {"transfers": transfers, "title": _("Regie overnemen")},
    )


@require_POST
def coordination_decide_view(request, transfer_pk):
    transfer = coordination_transfers_for(request.user).filter(pk=transfer_pk).first()
    if transfer is None:
        audit_record(actor=request.user, action=Action.DENIED, path=request.path)
        raise Http404
    form = CoordinationDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies aanvaarden of weigeren."))
        return redirect("casework:coordination_inbox")
    accept = form.cleaned_data["decision"] == "accept"
    try:
        coordination.coordination_transfer_decide(
            actor=request.user, transfer=transfer, accept=accept
        )
    except PermissionDenied:
        audit_record(actor=request.user, action=Action.DENIED, path=request.path)
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("casework:coordination_inbox")
    if not accept:
        messages.success(
            request,
            _("U hebt de overdracht van casus %(ref)s geweigerd; %(org)s houdt de regie.")
            % {"ref": transfer.case.reference, "org": transfer.from_organisation},
        )
        return redirect("casework:coordination_inbox")
    messages.success(
        request, _("U voert nu de regie over casus %(ref)s.") % {"ref": transfer.case.reference}
    )
    return redirect("casework:case_detail", case_pk=transfer.case_id)
