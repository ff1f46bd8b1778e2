# SPDX-License-Identifier: EUPL-1.2
"""The whole story of a case, filterable by kind and paginated (issue 16): one indexed
query per page (casework.models.TimelineEvent), no count."""

from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import audit_record
from casework.selectors import case_get_for, timeline_slice
from casework.timeline import KIND_LABELS
from config.pagination import LARGEST_OFFSET, NextPage, page_number

KINDS = {
    "registration": _("Aanmelding"),
    "transition": _("Fase en traject"),
    "person": _("Personen"),
    "membership": _("Partners"),
    "incident": _("Incidenten"),
    "note": _("Journaal"),
    "document": _("Documenten"),
    "plan": _("Veiligheidsplan"),
    "agreement": _("Afspraken"),
    "conference": _("Overleggen"),
    "huisverbod": _("Huisverbod"),
    "escalation": _("Escalaties"),
    "closure": _("Afsluiten"),
}
TIMELINE_PAGE = 50


def timeline_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    labels = {**KINDS, **KIND_LABELS}
    kind = request.GET.get("kind", "")
    if kind not in labels:
        kind = ""
    number = page_number(request.GET.get("page"))
    offset = (number - 1) * TIMELINE_PAGE
    if offset + TIMELINE_PAGE + 1 > LARGEST_OFFSET:
        rows = []
    else:
        rows = timeline_slice(
            case, user=request.user, kind=kind, start=offset, stop=offset + TIMELINE_PAGE + 1
        )
    page = NextPage(rows[:TIMELINE_PAGE], number, len(rows) > TIMELINE_PAGE)
    audit_record(actor=request.user, action=Action.VIEW, case=case, obj=case, path=request.path)
    return render(
        request,
        "casework/case_timeline.html",
        {"case": case, "page": page, "kind": kind, "kinds": list(labels.items())},
    )
