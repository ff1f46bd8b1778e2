# SPDX-License-Identifier: EUPL-1.2
"""Pages of safety agreements and their status."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan import permissions, services
from safetyplan.forms import (
    AgreementForm,
    AgreementStatusForm,
)
from safetyplan.models import (
    SafetyAgreement,
)
from safetyplan.views.base import (
    _case,
    _editable,
    _form_page,
    _item_in_draft,
    _make,
    _plan_url,
    _refuse,
    _submit,
)


def agreement_view(request, case_pk, item_pk, agreement_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement = None
    initial = None
    if agreement_pk is not None:
        agreement = SafetyAgreement.objects.filter(pk=agreement_pk, risk_item=item).first()
        if agreement is None:
            _refuse(request, case)
        initial = {
            "part": agreement.part,
            "description": agreement.description,
            "owner_organisation": agreement.owner_organisation_id,
            "owner_user": agreement.owner_user_id,
            "due_date": agreement.due_date,
            "lock_version": agreement.lock_version,
        }
    form = _make(AgreementForm, request.POST or None, initial=initial, case=case)
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = dict(form.cleaned_data)
        lock_version = cd.pop("lock_version")
        if agreement is None:
            save = lambda: services.agreement_create(actor=request.user, item=item, **cd)  # noqa: E731
        else:
            save = lambda: services.agreement_update(  # noqa: E731
                actor=request.user, agreement=agreement, lock_version=lock_version, **cd
            )
        saved, failed = _submit(request, form, save)
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Afspraak bij: %(title)s") % {"title": item.title},
        submit=_("Afspraak opslaan"),
        conflict=conflict,
    )


@require_POST
def agreement_delete_view(request, case_pk, item_pk, agreement_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement = SafetyAgreement.objects.filter(pk=agreement_pk, risk_item=item).first()
    if agreement is None:
        _refuse(request, case)
    services.agreement_delete(actor=request.user, agreement=agreement)
    return redirect(_plan_url(case, f"item-{item.pk}"))


def agreement_status_view(request, case_pk, agreement_pk):
    """Status and notes of one agreement: the owning partner or the coordinator."""
    case = _case(request, case_pk)
    agreement = (
        SafetyAgreement.objects.filter(pk=agreement_pk, version__plan__case=case)
        .select_related("progress", "owner_organisation", "risk_item")
        .first()
    )
    if agreement is None or not permissions.can_update_agreement(
        request.user, case, agreement.owner_organisation_id
    ):
        _refuse(request, case)
    progress = agreement.progress
    form = _make(
        AgreementStatusForm,
        request.POST or None,
        initial={
            "status": progress.status,
            "notes": progress.notes,
            "lock_version": progress.lock_version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        saved, failed = _submit(
            request,
            form,
            lambda: services.agreement_set_status(
                actor=request.user,
                agreement=agreement,
                status=cd["status"],
                notes=cd["notes"],
                lock_version=cd["lock_version"],
            ),
        )
        if saved:
            messages.success(request, _("De status van de afspraak is opgeslagen."))
            return redirect(_plan_url(case, f"agreement-{agreement.progress_id}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Status van de afspraak bijwerken"),
        submit=_("Status opslaan"),
        conflict=conflict,
        extra={"lead": agreement.description},
    )
