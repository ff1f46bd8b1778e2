# SPDX-License-Identifier: EUPL-1.2
"""Pages of safety agreements and their status."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from safetyplan import permissions, selectors, services
from safetyplan.forms import (
    AgreementForm,
    AgreementStatusForm,
)
from safetyplan.views.base import _case, _editable, _item_in_draft, _plan_url, _refuse, edit_page


def agreement_view(request, case_pk, item_pk, agreement_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement, initial = None, None
    if agreement_pk is not None:
        agreement = selectors.agreement_in(item, agreement_pk)
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

    def save(cd):
        lock_version = cd.pop("lock_version")
        if agreement is None:
            return services.agreement_create(actor=request.user, item=item, **cd)
        return services.agreement_update(
            actor=request.user, agreement=agreement, lock_version=lock_version, **cd
        )

    return edit_page(
        request,
        case,
        AgreementForm,
        initial=initial,
        form_kwargs={"case": case},
        save=save,
        done=lambda saved: _plan_url(case, f"item-{item.pk}"),
        title=_("Afspraak bij: %(title)s") % {"title": item.title},
        submit=_("Afspraak opslaan"),
    )


@require_POST
def agreement_delete_view(request, case_pk, item_pk, agreement_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement = selectors.agreement_in(item, agreement_pk)
    if agreement is None:
        _refuse(request, case)
    services.agreement_delete(actor=request.user, agreement=agreement)
    return redirect(_plan_url(case, f"item-{item.pk}"))


def agreement_status_view(request, case_pk, agreement_pk):
    """Status and notes of one agreement: the owning partner or the coordinator."""
    case = _case(request, case_pk)
    agreement = selectors.agreement_of_case(case, agreement_pk)
    if agreement is None or not permissions.can_update_agreement(
        request.user, case, agreement.owner_organisation_id
    ):
        _refuse(request, case)
    progress = agreement.progress

    def done(saved):
        messages.success(request, _("De status van de afspraak is opgeslagen."))
        return _plan_url(case, f"agreement-{agreement.progress_id}")

    return edit_page(
        request,
        case,
        AgreementStatusForm,
        initial={
            "status": progress.status,
            "notes": progress.notes,
            "lock_version": progress.lock_version,
        },
        save=lambda cd: services.agreement_set_status(
            actor=request.user, agreement=agreement, **cd
        ),
        done=done,
        title=_("Status van de afspraak bijwerken"),
        submit=_("Status opslaan"),
        extra={"lead": agreement.description},
    )
