# SPDX-License-Identifier: EUPL-1.2
"""The search in the header. The query is POSTed, never put in the URL: a name or a date
of birth does not belong in addresses, browser history or web-server logs."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from audit.models import Action
from audit.services import audit_record, audit_record_many
from casework.forms import CaseSearchForm
from casework.search import case_search


def case_search_view(request):
    if not request.user.has_perm("casework.view_case"):
        raise PermissionDenied
    form = CaseSearchForm(request.POST if request.method == "POST" else None)
    page = results = None
    if form.is_bound and form.is_valid():
        page, results = case_search(
            user=request.user, query=form.cleaned_data["q"], page=form.cleaned_data.get("page")
        )
        # The search itself (never the words typed), then one entry per case shown,
        # naming the persons whose names were on the screen.
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            purpose=f"zoeken: {'meer dan ' if page.paginator.more_than_cap else ''}"
            f"{page.paginator.count} resultaten",
            path=request.path,
        )
        audit_record_many(
            actor=request.user,
            action=Action.VIEW,
            items=[(r.case, None, r.persons) for r in results],
            path=request.path,
        )
    return render(
        request,
        "casework/case_search.html",
        {"form": form, "page": page, "results": results},
    )
