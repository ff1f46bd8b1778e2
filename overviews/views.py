# SPDX-License-Identifier: EUPL-1.2
"""Overviews: the coordinator's week, the manager's dashboard and the annual factsheet."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.models import Role
from audit.models import Action
from audit.services import audit_record_cases
from config.csv import csv_response
from outcomes.selectors import NATIONAL_REPEAT_RATE, on_time_by_organisation, outcomes_by_year
from overviews.selectors import coordinator_overview, factsheet, manager_overview, my_work
from timeliness.selectors import target_shares


def _require(user, *roles):
    if user.role not in roles:
        raise PermissionDenied


def coordinator_overview_view(request):
    _require(request.user, Role.COORDINATOR)
    overview = coordinator_overview(request.user, now=timezone.now())
    shown = {d.case_id: d.case for d in overview.upcoming_deadlines + overview.overdue}
    shown.update({c.huisverbod.case_id: c.huisverbod.case for c in overview.huisverboden})
    shown.update({case.pk: case for case in overview.stalled})
    audit_record_cases(
        actor=request.user, action=Action.VIEW, cases=shown.values(), path=request.path
    )
    return render(request, "overviews/overview_coordinator.html", {"overview": overview})


def _year(request) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _outcomes(request) -> dict:
    """The outcomes per year of closing and the on-time share per organisation in the
    chosen year (issue 20), for the dashboard and the factsheet."""
    year = _year(request)
    on_time = on_time_by_organisation(
        request.user,
        start=date(year, 1, 1),
        end=date(year, 12, 31),
        today=timezone.localdate(),
    )
    return {
        "outcome_years": outcomes_by_year(request.user, now=timezone.now()),
        "national_repeat_rate": NATIONAL_REPEAT_RATE,
        "on_time": on_time,
        "on_time_year": year,
    }


def manager_overview_view(request):
    _require(request.user, Role.MANAGER)
    overview = manager_overview(request.user, now=timezone.now(), year=_year(request))
    audit_record_cases(
        actor=request.user,
        action=Action.VIEW,
        cases={e.case_id: e.case for e in overview.escalations}.values(),
        path=request.path,
    )
    return render(
        request,
        "overviews/overview_manager.html",
        {
            "overview": overview,
            **_outcomes(request),
            # Per time limit, the share met of the year's cases (timeliness, issue 20).
            "shares": target_shares(request.user, year=overview.year, now=timezone.now()),
            "year": overview.year,
        },
    )


def manager_overview_csv_view(request):
    _require(request.user, Role.MANAGER)
    overview = manager_overview(request.user, now=timezone.now(), year=_year(request))
    response, writer = csv_response(f"casusregie-overzicht-{overview.year}.csv")
    writer.writerow(["onderdeel", "omschrijving", "waarde"])
    writer.writerows(overview.rows())
    return response


def factsheet_view(request):
    _require(request.user, Role.MANAGER, Role.COORDINATOR)
    year = _year(request)
    return render(
        request,
        "overviews/factsheet.html",
        {
            "sheet": factsheet(request.user, year=year),
            "years": range(timezone.localdate().year, 2019, -1),
            **_outcomes(request),
        },
    )


def my_work_view(request):
    """The home page: what is this professional's to do (issue 16)."""
    work = my_work(request.user, now=timezone.now())
    shown = {d.case_id: d.case for d in work.deadlines}
    shown.update({v.plan.case_id: v.plan.case for v in work.acknowledgements})
    shown.update({c.huisverbod.case_id: c.huisverbod.case for c in work.huisverboden})
    shown.update({e.case_id: e.case for e in work.escalations})
    shown.update({case.pk: case for case in work.stalled})
    if shown:
        audit_record_cases(
            actor=request.user, action=Action.VIEW, cases=shown.values(), path=request.path
        )
    return render(request, "home.html", {"work": work})
