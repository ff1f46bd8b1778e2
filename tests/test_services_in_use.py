# SPDX-License-Identifier: EUPL-1.2
"""Tests that prove the real servers are used when they are configured (always in CI)."""

import pytest
from django.db import connection

from config.celery import app, ping


@pytest.mark.postgres
@pytest.mark.django_db
def test_database_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        assert cursor.fetchone()[0]


@pytest.mark.redis
def test_a_real_worker_consumes_a_task_from_redis():
    from celery.contrib.testing.worker import start_worker

    previous = {key: app.conf[key] for key in ("result_backend", "broker_url")}
    app.conf.update(result_backend=app.conf.broker_url)
    app._local.__dict__.pop("backend", None)
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            result = ping.delay()
            assert result.get(timeout=20) == "pong"
    finally:
        app.conf.update(previous)
        app._local.__dict__.pop("backend", None)


def test_the_embedded_broker_is_consumed_by_a_worker_in_another_process(tmp_path, monkeypatch):
    """`make run`'s default: kombu's SQLAlchemy transport on SQLite, no server, no eager mode."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    from celery import Celery

    broker = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    backend = f"db+sqlite:///{tmp_path / 'results.sqlite3'}"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("CELERY", "DATABASE"))},
        "CELERY_BROKER_URL": broker,
        "CELERY_RESULT_BACKEND": backend,
    }
    root = Path(__file__).resolve().parent.parent
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "-l",
            "WARNING",
        ],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    # Celery lets these variables override any app's own broker and backend.
    monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
    monkeypatch.delenv("CELERY_RESULT_BACKEND", raising=False)
    try:
        client = Celery(broker=broker, backend=backend)
        result = client.send_task("casusregie.ping")
        assert result.get(timeout=30) == "pong"
    finally:
        worker.terminate()
        worker.wait(timeout=20)
