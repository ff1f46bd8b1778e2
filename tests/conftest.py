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


# Tests with a real broker share Redis's queue (a worker of one would consume another's
# task), and the release tests share one migrated template database per process
# (tests/release/conftest.py): under xdist they form one unit of work, so they run one
# after the other on one worker while the other worker takes the rest of the suite.
# (An `xdist_group` mark would say the same, but pytest-xdist 3.8 cannot regroup the test
# ids of pytest 9, and the tests ran side by side.)
SERVICE_TESTS = (
    "tests/deadlines/test_redis_worker.py",
    "tests/release/test_backup_restore.py",
    "tests/release/test_production_shape.py",
    "tests/release/test_worker_kill.py",
    "tests/test_services_in_use.py::test_a_real_worker",
)


def pytest_collection_modifyitems(config, items):
    strays = [
        item.nodeid
        for item in items
        if (item.get_closest_marker("redis") or "production_database" in item.fixturenames)
        and not item.nodeid.startswith(SERVICE_TESTS)
    ]
    if strays:
        raise pytest.UsageError(
            "Tests with a real broker or a production database belong in "
            f"tests/conftest.py SERVICE_TESTS, so that they never run side by side: {strays}"
        )


def pytest_xdist_make_scheduler(config, log):
    if config.getoption("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ServiceTestsTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "service-tests" if nodeid.startswith(SERVICE_TESTS) else nodeid

    return ServiceTestsTogether(config, log)


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


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def _reference_data() -> None:
    from importlib import import_module

    from django.apps import apps

    import_module("casework.migrations.0002_twente_municipalities").create(apps, None)
    import_module("casework.migrations.0012_sharing_purposes").create(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """Tests with transaction=True (browser tests, real workers) empty every table after
    they run; role groups come back through post_migrate, reference lists from their data
    migration, here, before each such test."""
    if _is_transactional(request.node):
        request.getfixturevalue("transactional_db")
        _reference_data()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """pytest-django runs the transactional tests last, so the tables they empty stay
    empty. Under xdist the service tests (SERVICE_TESTS, all transactional) come first on
    their worker: the reference lists come back after the last of them, for the ordinary
    tests that follow on that worker."""
    yield
    if nextitem is not None and _is_transactional(item) and not _is_transactional(nextitem):
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _reference_data()
