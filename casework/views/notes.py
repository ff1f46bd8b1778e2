# SPDX-License-Identifier: EUPL-1.2
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.services import audit_deny
from casework import permissions
from casework.forms import NoteForm
from casework.selectors import case_get_for
from casework.services import notes as note_services
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
