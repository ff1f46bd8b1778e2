# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures, and the rule for tests that need a real server or browser.

Outside CI such a test skips with the reason; in CI (CI=true) a missing server or browser
fails the test instead, so nothing is ever passed silently.
"""

import os
import socket
from urllib.parse import urlparse

import pytest
from django.conf import settings

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config):
    # Password hashing is deliberately slow (PBKDF2, a million rounds); tests create many
    # users and would spend minutes on it. The hasher is not what these tests are about.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"CI requires this, but: {reason}", pytrace=False)
    pytest.skip(reason)


def _redis_url() -> str | None:
    url = settings.CELERY_BROKER_URL
    return url if url.startswith("redis://") else None


def _answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(autouse=True)
def _requirements(request):
    if request.node.get_closest_marker("redis"):
        url = _redis_url()
        if url is None:
            _unavailable("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
        elif not _answers(url):
            _unavailable(f"needs Redis, but nothing answers at {urlparse(url).netloc}")
    on_postgres = settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    if request.node.get_closest_marker("postgres") and not on_postgres:
        _unavailable("needs PostgreSQL: set DATABASE_URL=postgres://postgres@127.0.0.1/casusregie")
    if request.node.get_closest_marker("browser") and not os.path.exists(CHROMIUM):
        _unavailable(f"needs Chromium at {CHROMIUM} (apt-get install chromium)")


@pytest.fixture
def password():
    from tests.factories import PASSWORD

    return PASSWORD


@pytest.fixture(autouse=True)
def _celery_eager(request):
    """Tasks run in-process in ordinary tests; tests marked `redis` use a real worker."""
    from config.celery import app

    eager = not request.node.get_closest_marker("redis")
    previous = app.conf.task_always_eager, app.conf.task_eager_propagates
    app.conf.task_always_eager = eager
    app.conf.task_eager_propagates = eager
    yield
    app.conf.task_always_eager, app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Tests with transaction=True (browser tests, real workers) empty every table after
    they run; role groups come back through post_migrate, reference lists from their data
    migration, here, before each such test."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (
        "transactional_db" in request.fixturenames or "live_server" in request.fixturenames
    )
    if marker is not None and marker.kwargs.get("transaction"):
        transactional = True
    if transactional:
        from importlib import import_module

        from django.apps import apps

        request.getfixturevalue("transactional_db")
        import_module("casework.migrations.0002_twente_municipalities").create(apps, None)
        import_module("casework.migrations.0012_sharing_purposes").create(apps, None)
