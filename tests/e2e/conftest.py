# SPDX-License-Identifier: EUPL-1.2
"""Playwright driving Debian's Chromium against Django's live_server."""

import os
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, _unavailable

ARTEFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artefacts"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _playwright_browser():
    if not os.path.exists(CHROMIUM):
        yield None
        return
    # Playwright's sync API runs an event loop in this thread; Django's ORM in the test
    # body is still synchronous and safe here.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server, request):
    if _playwright_browser is None:
        _unavailable(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
    context = _playwright_browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="nl-NL"
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def login(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
