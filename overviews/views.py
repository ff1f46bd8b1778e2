# SPDX-License-Identifier: EUPL-1.2
"""Overviews: the coordinator's week, the manager's dashboard and the annual factsheet."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.models import Action
from audit.services import audit_record_cases
from config.csv import csv_response
from overviews.kept import figures_for, recompute
from overviews.models import FiguresPage
from overviews.permissions import can_view_figures
from overviews.selectors import (
    OVERVIEW_PAGES,
    coordinator_overview,
    manager_escalations,
    manager_overview,
    manager_overview_from,
    my_work,
)


def _require(user, *roles):
    if user.role not in roles:
        raise PermissionDenied


def coordinator_overview_view(request):
    _require(request.user, Role.COORDINATOR)
    numbers = {name: request.GET.get(param) for name, param in OVERVIEW_PAGES.items()}
    overview = coordinator_overview(request.user, now=timezone.now(), pages=numbers)
    shown = {d.case_id: d.case for d in overview.upcoming_deadlines + overview.overdue}
    shown.update({c.huisverbod.case_id: c.huisverbod.case for c in overview.huisverboden})
    shown.update({case.pk: case for case in overview.stalled})
    audit_record_cases(
        actor=request.user, action=Action.VIEW, cases=shown.values(), path=request.path
    )
    pagers = {}
    for name, param in OVERVIEW_PAGES.items():
        others = request.GET.copy()
        others.pop(param, None)
        pagers[name] = {"page": overview.pages[name], "param": param, "query": others.urlencode()}
    return render(
        request,
        "overviews/overview_coordinator.html",
        {"overview": overview, "pagers": pagers},
    )


def _year(request, data=None) -> int:
    try:
        year = int((request.GET if data is None else data).get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _figures_context(figures) -> dict:
    return {
        **figures.outcomes_context(),
        "computed_at": figures.computed_at,
        "refreshing": figures.refreshing,
    }


def _require_figures(user, page: str) -> None:
    if not can_view_figures(user, page):
        raise PermissionDenied


def manager_overview_view(request):
    _require_figures(request.user, FiguresPage.MANAGER)
    year = _year(request)
    figures = figures_for(request.user, FiguresPage.MANAGER, year, now=timezone.now())
    overview = manager_overview_from(
        figures.values["overview"], escalations=manager_escalations(request.user)
    )
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
            **_figures_context(figures),
            "on_time_year": year,
            # Per time limit, the share met of the year's cases (timeliness, issue 20).
            "shares": figures.shares(),
            "year": overview.year,
            "figures_page": FiguresPage.MANAGER,
        },
    )


def manager_overview_csv_view(request):
    _require_figures(request.user, FiguresPage.MANAGER)
    overview = manager_overview(request.user, now=timezone.now(), year=_year(request))
    response, writer = csv_response(f"casusregie-overzicht-{overview.year}.csv")
    writer.writerow(["onderdeel", "omschrijving", "waarde"])
    writer.writerows(overview.rows())
    return response


def factsheet_view(request):
    _require_figures(request.user, FiguresPage.FACTSHEET)
    year = _year(request)
    figures = figures_for(request.user, FiguresPage.FACTSHEET, year, now=timezone.now())
    return render(
        request,
        "overviews/factsheet.html",
        {
            "sheet": figures.sheet(),
            "years": range(timezone.localdate().year, 2019, -1),
            **_figures_context(figures),
            "on_time_year": year,
            "year": year,
            "figures_page": FiguresPage.FACTSHEET,
        },
    )


@require_POST
def figures_refresh_view(request):
    """ "Nu bijwerken": the page's figures computed at once, then the page again."""
    page = request.POST.get("page", "")
    if page not in FiguresPage.values:
        raise Http404
    _require_figures(request.user, page)
    year = _year(request, request.POST)
    recompute(request.user, page, year)
    messages.success(request, _("De cijfers zijn bijgewerkt."))
    target = "overviews:manager" if page == FiguresPage.MANAGER else "overviews:factsheet"
    return redirect(f"{reverse(target)}?year={year}")


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
