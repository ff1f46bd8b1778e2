# SPDX-License-Identifier: EUPL-1.2
"""The whole story of a case, filterable by kind and paginated (issue 16)."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from audit.services import audit_record
from casework.selectors import case_get_for, case_timeline
from casework.timeline import KIND_LABELS

KINDS = {
    "registration": _("Aanmelding"),
    "transition": _("Fase en traject"),
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
    kind = request.GET.get("kind", "")
    everything = case_timeline(case, user=request.user)
    labels = {**KINDS, **KIND_LABELS}
    present = sorted({e.kind for e in everything} - set(labels))
    if kind in labels or kind in present:
        entries = [e for e in everything if e.kind == kind]
    else:
        kind, entries = "", everything
    page = Paginator(entries, TIMELINE_PAGE).get_page(request.GET.get("page"))
    audit_record(actor=request.user, action=Action.VIEW, case=case, obj=case, path=request.path)
    return render(
        request,
        "casework/case_timeline.html",
        {
            "case": case,
            "page": page,
            "kind": kind,
            "kinds": [*labels.items(), *[(k, k) for k in present]],
        },
    )
