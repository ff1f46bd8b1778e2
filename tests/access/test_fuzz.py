# SPDX-License-Identifier: EUPL-1.2
"""Fuzz every form and URL as each role: random, huge, NUL, right-to-left, emoji, negative
and non-numeric values. Any answer of 500 or more (or an exception) fails the test.

A bounded, seeded generator rather than open-ended search, so the run is the same every
time (no time budget: a budget made the values each page got depend on the machine's speed,
and a value that broke a page on a slow machine never reached it on a fast one): each page
is fetched once per role, every form field it shows is filled with nasty values once, and
the URL ids are replaced by odd ones. Several seeds, so each page meets more values."""

import random
import re

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
SKIP = ("/accounts/logout", "/i18n/")
SEEDS = (13, 6)


def _admin_urls() -> list[str]:
    """The functional administrator's /beheer/ (Django's admin): each registered model's
    list, its add form and the change form of its first object."""
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for suffix, args in (("changelist", ()), ("add", ())):
            try:
                urls.append(reverse(f"{name}_{suffix}", args=args))
            except NoReverseMatch:
                continue
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            try:
                urls.append(reverse(f"{name}_change", args=[first.pk]))
            except NoReverseMatch:
                continue
    return urls


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


@pytest.mark.parametrize("seed", SEEDS)
def test_no_form_or_url_answers_500_for_any_role(seed):
    team = case_with_team()
    known = {
        "case_pk": team.case.pk,
        "person_pk": team.person.pk,
        "membership_pk": team.membership.pk,
    }
    paths = [p for p in _all_urls(known) if not p.startswith(SKIP)]
    assert len(paths) > 50, paths
    admin_paths = _admin_urls()
    assert len(admin_paths) > 5, admin_paths
    paths += admin_paths  # the resolver walk found the pages, not an empty list
    rng = random.Random(seed)

    def hit(client, method, path, data=None):
        # The first failure ends the test with what was sent: on PostgreSQL a failed query
        # aborts the test's transaction, and every later request would fail for that reason.
        sent = repr(data)[:300]
        try:
            response = getattr(client, method)(path, data or {})
        except Exception as error:  # noqa: BLE001 — any exception is the 500 we look for
            pytest.fail(f"{method.upper()} {path} {sent} raised {type(error).__name__}: {error}")
        if response.status_code >= 500:
            pytest.fail(f"{method.upper()} {path} {sent} answered {response.status_code}")
        return response

    users = _users(team)
    for _role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        order = paths[:]
        rng.shuffle(order)
        for path in order:
            page = hit(client, "get", path, {"page": rng.choice(NASTY), "year": "x"})
            names = set(FIELD.findall(page.content.decode(errors="ignore")))
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
