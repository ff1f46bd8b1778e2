# SPDX-License-Identifier: EUPL-1.2
"""Documents on a case. Files are only ever sent by document_download, which checks access
and confidentiality, logs the download, and tells the browser not to keep a copy."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny, audit_record
from casework import permissions
from casework.selectors import case_get_for, incidents_visible_to
from config.forms import add_service_errors
from documents import services
from documents.forms import DocumentForm, VersionForm
from documents.selectors import document_get_for, version_get_for
from huisverbod.models import Huisverbod


def _back(case) -> str:
    return reverse("casework:case_detail", args=[case.pk]) + "#documents"


def document_create_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_record_incident(request.user, case):
        audit_deny(request, case)
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        persons=case.persons.all(),
        incidents=incidents_visible_to(request.user, case),
        huisverboden=Huisverbod.objects.filter(case=case),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_upload(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Document toegevoegd."))
            return redirect(_back(case))
    return render(
        request,
        "documents/document_form.html",
        {"case": case, "form": form, "max_mb": round(services.max_upload_bytes() / 1_000_000)},
    )


def version_create_view(request, case_pk, document_pk):
    case = case_get_for(request.user, case_pk)
    document = document_get_for(request.user, case, document_pk)
    if not permissions.can_record_incident(request.user, case):
        audit_deny(request, case)
    form = VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.document_add_version(
                actor=request.user, document=document, file=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, _("Versie %(number)s toegevoegd.") % {"number": version.number}
            )
            return redirect(_back(case))
    return render(
        request,
        "documents/version_form.html",
        {
            "case": case,
            "document": document,
            "form": form,
            "max_mb": round(services.max_upload_bytes() / 1_000_000),
        },
    )


def document_download_view(request, case_pk, document_pk, version_pk):
    case = case_get_for(request.user, case_pk)
    try:
        version = version_get_for(request.user, case, document_pk, version_pk)
    except Http404:
        audit_deny(request, case)
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        case=case,
        obj=version,
        persons=[version.document.person_id] if version.document.person_id else [],
        path=request.path,
    )
    extension = version.original_name.rsplit(".", 1)[-1].lower()
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        # No personal data in the name the browser stores: reference, id and version.
        filename=f"{case.reference}-document-{version.document_id}-v{version.number}.{extension}",
        content_type=version.content_type,
    )
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
