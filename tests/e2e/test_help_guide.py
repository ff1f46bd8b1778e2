# SPDX-License-Identifier: EUPL-1.2
"""The help link leads each role to its short guide; this test also takes the guide's
screenshots (static/help/*.png), so they show the application as it is."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from casework.models import Case
from tests.e2e.conftest import login

HELP_DIR = Path(__file__).resolve().parents[2] / "static" / "help"

# username, the page its guide shows, the screenshot's file name, the guide's heading
SHOTS = [
    ("regisseur", "case", "coordinator-case.png", "Handleiding voor de Procesregisseur"),
    ("politie", "/", "partner-home.png", "Handleiding voor de Partnerprofessional"),
    ("manager", "/overview/manager/", "manager-overview.png", "Handleiding voor de Manager"),
    ("gemeente", "/huisverboden/", "municipality-huisverboden.png", "Gemeenteambtenaar"),
    ("beheerder", "/beheer/", "functional-admin.png", "Functioneel beheerder"),
    ("logbeheerder", "/audit/", "log-manager.png", "Handleiding voor de Logbeheerder"),
]


@pytest.mark.django_db(transaction=True)
def test_each_role_finds_its_guide_through_the_help_link(page):
    call_command("load_demo_data", verbosity=0)
    HELP_DIR.mkdir(exist_ok=True)
    for username, target, shot, heading in SHOTS:
        page.context.clear_cookies()
        login(page, username, settings.CASUSREGIE_DEMO_PASSWORD)
        page.get_by_role("heading", name="Welkom", exact=False).wait_for()
        if target == "case":
            case = Case.objects.filter(huisverboden__isnull=False).order_by("pk").first()
            target = f"/cases/{case.pk}/"
        page.goto(target)
        page.screenshot(path=str(HELP_DIR / shot))
        page.get_by_role("link", name="Help", exact=True).click()
        page.get_by_role("heading", name=heading, exact=False).first.wait_for()
        image = page.locator(f"img[src$='{shot}']")
        assert image.count() == 1, f"{username}'s guide does not show {shot}"
        # The picture loads after the page: wait for it (a missing file never gets a width).
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0",
            arg=image.element_handle(),
            timeout=10_000,
        )
