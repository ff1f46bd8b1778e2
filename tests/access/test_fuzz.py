# SPDX-License-Identifier: EUPL-1.2
"""Fuzz every form and URL as each role: random, huge, NUL, right-to-left, emoji, negative
and non-numeric values. Any answer of 500 or more (or an exception) fails the test.

A bounded, seeded generator rather than open-ended search, so the run is the same every
time and stays well under a minute: each page is fetched once, every form field it shows
is filled with nasty values once, and the URL ids are replaced by odd ones."""

import random
import re
import time

import pytest
from django.test import Client

from tests.access.helpers import case_with_team, member_in_role
from tests.access.test_every_page_logged import _all_urls

pytestmark = pytest.mark.django_db

NASTY = [
    "",
    "x" * 10_000,
    "a\x00b",
    "\u202eevil\u202c",
    "😀🏳️‍🌈",
    "-1",
    "0",
    "abc",
    "99999999999999999999",
    "1e309",
    "NaN",
    "2026-02-30",
    "31-12-99999",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    '=HYPERLINK("x")',
    "   ",
]
ODD_IDS = ["99999999999999999999", "0", "-1"]
FIELD = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"', re.I)
SKIP = ("/accounts/logout", "/i18n/", "/beheer/")
BUDGET_SECONDS = 50


def _users(team):
    return {
        "coordinator": team.case.coordinator,
        "partner": member_in_role(team, "partner"),
        "zvh_manager": member_in_role(team, "zvh_manager"),
        "municipality_official": member_in_role(team, "municipality_official"),
        "functional_admin": member_in_role(team, "functional_admin"),
        "log_manager": member_in_role(team, "log_manager"),
        "anonymous": None,
    }


def test_no_form_or_url_answers_500_for_any_role():
    team = case_with_team()
    known = {
        "case_pk": team.case.pk,
        "person_pk": team.person.pk,
        "membership_pk": team.membership.pk,
    }
    paths = [p for p in _all_urls(known) if not p.startswith(SKIP)]
    rng = random.Random(13)
    broken = []

    def hit(client, method, path, data=None):
        try:
            response = getattr(client, method)(path, data or {})
        except Exception as error:  # noqa: BLE001 — any exception is the 500 we look for
            broken.append((method, path, type(error).__name__))
            return None
        if response.status_code >= 500:
            broken.append((method, path, response.status_code))
        return response

    users = _users(team)
    per_role = BUDGET_SECONDS / len(users)
    covered = 0
    for _role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        role_started = time.monotonic()
        order = paths[:]
        rng.shuffle(order)  # if a slow machine cuts a role short, each role misses others
        for path in order:
            if time.monotonic() - role_started > per_role:
                break
            covered += 1
            page = hit(client, "get", path, {"page": rng.choice(NASTY), "year": "x"})
            names = set(FIELD.findall(page.content.decode(errors="ignore"))) if page else set()
            names.discard("csrfmiddlewaretoken")
            for _round in range(1):
                data = {name: rng.choice(NASTY) for name in names}
                data.setdefault("op", rng.choice(["agenda_move", "carry_out", "notes", "x"]))
                data.setdefault("point", rng.choice(NASTY))
                data.setdefault("part", rng.choice(NASTY))
                hit(client, "post", path, data)
            odd = re.sub(r"/\d+/", f"/{rng.choice(ODD_IDS)}/", path, count=1)
            if odd != path:
                hit(client, "get", odd)
    assert broken == []
    # On a loaded machine the budget may cut roles short; a third is the floor.
    assert covered >= len(paths) * len(users) // 3, (covered, len(paths) * len(users))
