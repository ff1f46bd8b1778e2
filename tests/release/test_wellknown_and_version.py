# SPDX-License-Identifier: EUPL-1.2
"""security.txt (RFC 9116), the version in the footer and /healthz, the changelog."""

import datetime
import re
import tomllib
from pathlib import Path

import pytest
from django.test import override_settings
from django.utils import timezone

from config.version import VERSION
from config.wellknown import security_txt_body
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def fields(body: str) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {}
    for line in body.splitlines():
        name, _, value = line.partition(": ")
        result.setdefault(name, []).append(value)
    return result


def test_security_txt_is_served_to_anyone_as_plain_text(client):
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    parsed = fields(response.content.decode())
    assert parsed["Contact"] and all(
        c.startswith(("mailto:", "https://")) for c in parsed["Contact"]
    )
    assert len(parsed["Expires"]) == 1
    assert parsed["Canonical"][0].endswith("/.well-known/security.txt")
    assert parsed["Policy"][0].startswith("https://")


def test_security_txt_expires_in_the_future_and_within_a_year(client):
    body = client.get("/.well-known/security.txt").content.decode()
    expires = datetime.datetime.fromisoformat(fields(body)["Expires"][0].replace("Z", "+00:00"))
    expires = expires.replace(tzinfo=datetime.UTC)
    now = timezone.now()
    assert now + datetime.timedelta(days=30) < expires <= now + datetime.timedelta(days=366)


def test_security_txt_expiry_moves_with_the_clock():
    later = timezone.now() + datetime.timedelta(days=1000)
    expires = fields(security_txt_body(now=later))["Expires"][0]
    assert expires.startswith(str((later + datetime.timedelta(days=180)).year))


def test_security_txt_names_the_installations_own_contact(client):
    with override_settings(
        SECURITY_TXT_CONTACTS=["mailto:cert@gemeente.example"], SITE_URL="https://zvh.example"
    ):
        parsed = fields(client.get("/.well-known/security.txt").content.decode())
    assert parsed["Contact"] == ["mailto:cert@gemeente.example"]
    assert parsed["Canonical"] == ["https://zvh.example/.well-known/security.txt"]


def test_signed_in_user_without_second_factor_still_reaches_security_txt(client):
    with override_settings(CASUSREGIE_2FA_DEV_BYPASS=False):
        client.force_login(UserFactory(coordinator=True))
        assert client.get("/.well-known/security.txt").status_code == 200


def test_version_comes_from_pyproject_and_shows_in_footer_and_healthz(client, password):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert version == VERSION
    html = client.get("/accounts/login/").content.decode()
    assert f"Versie {version}" in html
    assert client.get("/healthz").json()["version"] == version


def test_changelog_keeps_a_changelog_and_lists_the_current_version():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert "https://keepachangelog.com/" in text
    assert "## [Unreleased]" in text
    assert re.search(rf"^## \[{re.escape(VERSION)}\] - \d{{4}}-\d{{2}}-\d{{2}}$", text, re.M)


def test_public_code_documents_exist():
    security = (ROOT / "SECURITY.md").read_text()
    assert "security.txt" in security and "advisories/new" in security
    contributing = (ROOT / "CONTRIBUTING.md").read_text()
    for topic in ("make run", "make test", "django.po", "make lock"):
        assert topic in contributing
