# SPDX-License-Identifier: EUPL-1.2
"""Outcome pages: recording a rating, and the CSV for a regional or national monitor."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny as _refuse
from audit.services import audit_record
from casework.selectors import case_get_for
from config.csv import csv_response
from config.forms import add_service_errors
from outcomes import services
from outcomes.forms import RatingForm
from outcomes.models import RatingMoment
from outcomes.permissions import can_record_rating, can_view_outcome_figures
from outcomes.selectors import outcomes_by_year


def rating_create_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not can_record_rating(request.user, case):
        _refuse(request, case)
    moment = request.GET.get("moment")
    initial = {
        "asked_by": f"{request.user.get_full_name()} ({request.user.organisation})",
        "rated_on": timezone.localdate(),
        "moment": moment if moment in RatingMoment.values else None,
    }
    form = RatingForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(
        request,
        "outcomes/rating_form.html",
        {"case": case, "form": form, "title": _("Veiligheidsbeleving van het slachtoffer")},
    )


# The columns of the export, in order (docs/outcomes-csv.md describes each one).
CSV_COLUMNS = [
    ("jaar", lambda r: r.year),
    ("afgesloten_casussen", lambda r: r.closed),
    ("afgesloten_doelen_bereikt", lambda r: r.goals_reached),
    ("aandeel_doelen_bereikt_pct", lambda r: r.goals_share),
    ("slachtoffers_met_start_en_eindscore", lambda r: r.rated),
    ("gemiddelde_score_start", lambda r: r.mean_start),
    ("gemiddelde_score_afsluiten", lambda r: r.mean_closing),
    ("gemiddelde_verandering", lambda r: r.mean_change),
    ("aandeel_verbeterd_pct", lambda r: r.improved_share),
    ("terug_binnen_12_maanden", lambda r: r.back_within_12_months),
    ("aandeel_terug_binnen_12_maanden_pct", lambda r: r.back_share),
    ("waarneming_12_maanden_compleet", lambda r: "ja" if r.complete else "nee"),
]


def _cell(value):
    """Decimals with a comma, as Dutch spreadsheets expect; empty when not known."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.1f}".replace(".", ",")
    return value


def outcomes_csv_view(request):
    if not can_view_outcome_figures(request.user):
        raise PermissionDenied
    rows = outcomes_by_year(request.user, now=timezone.now())
    audit_record(actor=request.user, action=Action.EXPORT, path=request.path)
    response, writer = csv_response("casusregie-uitkomsten.csv")
    writer.writerow([name for name, _value in CSV_COLUMNS])
    for row in rows:
        writer.writerow([_cell(value(row)) for _name, value in CSV_COLUMNS])
    return response
