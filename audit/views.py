# SPDX-License-Identifier: EUPL-1.2
"""The log manager's pages: search the access log, export the entries about one person."""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit.forms import AuditSearchForm, PersonExportForm
from audit.models import Action, AuditEntry
from audit.selectors import audit_entries, can_read_audit_log
from audit.services import audit_record
from config.csv import csv_response

PAGE_SIZE = 50

CSV_COLUMNS = [
    ("at", "tijdstip"),
    ("username", "gebruiker"),
    ("organisation", "organisatie"),
    ("role", "rol"),
    ("action", "actie"),
    ("case_reference", "casus"),
    ("object_type", "soort gegeven"),
    ("object_id", "gegeven-id"),
    ("purpose", "doel"),
    ("path", "adres"),
    ("hash", "hash"),
]


def audit_search_view(request):
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    form = AuditSearchForm(request.GET or None)
    entries = AuditEntry.objects.none()
    searched = form.is_bound and form.is_valid()
    if searched:
        data = form.cleaned_data
        entries = audit_entries(
            user=request.user,
            case=data["case"],
            person_id=data["person"],
            username=data["username"],
            date_from=data["date_from"],
            date_to=data["date_to"],
            action=data["action"],
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    # Read the page before this search is logged: its own entry names the person searched
    # for and would otherwise push the page's last row out after the count was taken.
    page.object_list = list(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    # Reading the log is itself logged (who searched for which person or case).
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        case_id=None,
        persons=[form.cleaned_data["person"]] if searched and form.cleaned_data["person"] else (),
        purpose="toegangslog doorzoeken",
        path=request.path,
    )
    export_form = PersonExportForm(
        initial={"person": form.cleaned_data.get("person")} if searched else None
    )
    return render(
        request,
        "audit/search.html",
        {
            "form": form,
            "page": page,
            "searched": searched,
            "query": query.urlencode(),
            "export_form": export_form,
        },
    )


@require_POST
def person_export_view(request):
    if not can_read_audit_log(request.user):
        raise PermissionDenied
    form = PersonExportForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "audit/search.html",
            {
                "form": AuditSearchForm(),
                "page": None,
                "searched": False,
                "export_form": form,
            },
            status=400,
        )
    person_id = form.cleaned_data["person"]
    entries = list(audit_entries(user=request.user, person_id=person_id).order_by("at", "pk"))
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        persons=[person_id],
        purpose=form.cleaned_data["purpose"],
        path=request.path,
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response, writer = csv_response(f"toegangslog-betrokkene-{person_id}-{stamp}.csv")
    writer.writerow([title for _field, title in CSV_COLUMNS])
    labels = dict(Action.choices)
    for entry in entries:
        row = []
        for field, _title in CSV_COLUMNS:
            value = getattr(entry, field)
            if field == "at":
                value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M:%S")
            elif field == "action":
                value = str(labels.get(value, value))
            row.append(value)
        writer.writerow(row)
    return response
