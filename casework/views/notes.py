# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny, audit_record
from casework import permissions, restrictions
from casework.forms import NoteForm
from casework.pdf import pdf_response
from casework.selectors import case_get_for, case_page
from casework.services import notes as note_services
from casework.services import phases as phase_services
from config.forms import add_service_errors


def note_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_record_incident(request.user, case):
        audit_deny(request, case)
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            note_services.note_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Notitie vastgelegd."))
            return redirect(reverse("casework:case_detail", args=[case.pk]) + "#notes")
    return render(request, "casework/note_form.html", {"case": case, "form": form})


def case_summary_pdf_view(request, case_pk):
    """The case summary as PDF: the same page selector as the case page, so it shows
    exactly what this user may see there (shelter address, confidential incidents and
    notes left out)."""
    case = case_get_for(request.user, case_pk)
    try:
        restrictions.refuse_export(case)
    except restrictions.RestrictedError as error:
        messages.error(request, error.messages[0])
        return redirect("casework:case_detail", case.pk)
    options = phase_services.transition_options(case=case, user=request.user)
    now = timezone.now()
    page = case_page(case=case, user=request.user, now=now, options=options)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        case=case,
        obj=case,
        persons=page.persons,
        path=request.path,
    )
    return pdf_response(
        template="casework/case_summary_pdf.html",
        context={"page": page, "now": now, "user": request.user},
        filename=f"{case.reference}-samenvatting.pdf",
        request=request,
    )
