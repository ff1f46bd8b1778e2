# SPDX-License-Identifier: EUPL-1.2
"""axe-core on every page each kind of user can reach, with the demo data loaded.

The crawler starts at the home page and follows every same-site link; pages are grouped
by their URL pattern, so each view is checked once per role however much data there is.
"""

from collections import deque
from urllib.parse import urlparse

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve

from tests.e2e.conftest import login

# One demo user per role: coordinator, partner, manager, municipality official,
# functional administrator, log manager.
ROLES = ["regisseur", "politie", "manager", "gemeente", "beheerder", "logbeheerder"]
SKIP = (
    "/accounts/logout",
    "/i18n/",
    ".ics",
    ".csv",
    "/pdf",
    ".pdf",
    ".json",
    "format=",
    "/download/",
    "/export",
    "/static/",
    "/beheer/",
)
MAX_PAGES = 60


def _pattern(path: str) -> str | None:
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(page, start="/"):
    """Yield (pattern, url) for each distinct view reachable by links from start."""
    seen, queue = set(), deque([start])
    visited = 0
    while queue and visited < MAX_PAGES:
        url = queue.popleft()
        pattern = _pattern(urlparse(url).path)
        if pattern is None or pattern in seen:
            continue
        seen.add(pattern)
        response = page.goto(url)
        visited += 1
        if response is None or response.status >= 400:
            continue
        yield pattern, url
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            parsed = urlparse(href)
            if parsed.netloc or not parsed.path.startswith("/") or any(s in href for s in SKIP):
                continue
            queue.append(parsed.path + (f"?{parsed.query}" if parsed.query else ""))


@pytest.mark.django_db(transaction=True)
def test_every_page_of_every_role_has_no_serious_axe_violations(page):
    call_command("load_demo_data", verbosity=0)
    axe = Axe()
    problems, checked = [], {}
    for username in ROLES:
        page.context.clear_cookies()
        login(page, username, settings.CASUSREGIE_DEMO_PASSWORD)
        page.get_by_role("heading", name="Welkom", exact=False).wait_for()
        checked[username] = []
        for pattern, url in crawl(page):
            results = axe.run(page)
            checked[username].append(pattern)
            for violation in results.response["violations"]:
                if violation["impact"] in ("serious", "critical"):
                    targets = [n["target"] for n in violation["nodes"]][:3]
                    problems.append(
                        f"{username} {url} [{pattern}] {violation['id']}: {violation['help']} {targets}"
                    )
        assert len(checked[username]) >= 3, f"the crawler reached too few pages: {checked}"
    assert len(checked["regisseur"]) >= 15, checked["regisseur"]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db(transaction=True)
def test_pages_outside_the_crawl_have_no_serious_axe_violations(page, password):
    """The login page with an error, the accessibility statement, a refused page."""
    from tests.factories import UserFactory

    UserFactory(username="ria", coordinator=True)
    axe = Axe()
    problems = []

    def check(label):
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                problems.append(f"{label}: {violation['id']} {violation['help']}")

    page.goto("/accounts/login/")
    check("login")
    login(page, "ria", "verkeerd")
    page.locator("[data-error-summary]").wait_for()
    check("login with error")
    page.goto("/toegankelijkheid/")
    check("accessibility statement")
    login(page, "ria", password)
    page.goto("/cases/999999/")
    check("not found")
    page.goto("/cases/new/")
    page.get_by_role("button", name="Casus aanmelden").click()
    page.locator("[data-error-summary]").wait_for()
    check("registration with errors")
    assert not problems, "\n".join(problems)
