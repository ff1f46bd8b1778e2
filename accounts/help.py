# SPDX-License-Identifier: EUPL-1.2
"""The short user guide, one page per role, linked from the header of every page (WCAG 2.2
3.2.6 consistent help). The screenshots in it are taken by tests/e2e/test_help_guide.py."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static

from accounts.models import Role


@login_not_required
def help_view(request, role: str = ""):
    if role and role not in Role.values:
        raise Http404
    return render(
        request,
        "help/guide.html",
        {
            "role": role,
            "role_label": Role(role).label if role else "",
            "roles": Role.choices,
            "guide": f"help/roles/{role}.html" if role else "",
        },
    )


@login_not_required
def favicon_view(request):
    """Browsers ask /favicon.ico before they read the page's icon link."""
    return HttpResponseRedirect(static("favicon.svg"))
