# SPDX-License-Identifier: EUPL-1.2
"""The production shape without Docker: gunicorn, a Celery worker and one beat as separate
processes, with the production settings, against PostgreSQL (owner and application roles
made by deploy/postgres/roles.sql.in) and Redis. Checks /healthz, a login with the second
factor, a reminder delivered by the beat scan, a worker restart without losing a task, and
the JSON logs with the trace id carried into a task."""

import json
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookies import SimpleCookie
from pathlib import Path

import psycopg
import pytest
import redis
from django.conf import settings

from config import logs
from config.celery import app as celery_app
from config.version import VERSION
from deadlines.models import Reminder, ReminderDelivery
from tests.release.prodshape_seed import RECOVERY_CODE

DELIVERIES = ReminderDelivery._meta.db_table
REMINDERS = Reminder._meta.db_table

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "Productie-vorm-" + secrets.token_hex(6)
TRACE = secrets.token_hex(16)
pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(what: str, check, *, timeout: float, every: float = 0.5):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(every)
    raise AssertionError(f"timed out waiting for {what}")


class Browser:
    """Plain HTTP as a browser behind the TLS proxy: cookies kept, redirects not followed."""

    class _NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, base: str):
        self.base = base
        self.cookies: dict[str, str] = {}
        self.opener = urllib.request.build_opener(self._NoRedirect)

    def request(self, path: str, data: dict | None = None, headers: dict | None = None):
        request = urllib.request.Request(
            self.base + path,
            data=urllib.parse.urlencode(data).encode() if data is not None else None,
            headers={
                "X-Forwarded-Proto": "https",
                "Origin": self.base.replace("http://", "https://"),
                "Referer": self.base.replace("http://", "https://") + path,
                "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
                **(headers or {}),
            },
        )
        try:
            response = self.opener.open(request, timeout=15)  # noqa: S310 - loopback only
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), response.read().decode()


def csrf_token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.fixture
def stack(production_database, tmp_path):
    database = production_database
    web_port = free_port()
    database["env"].update(
        SITE_URL=f"https://127.0.0.1:{web_port}",
        DEADLINE_SCAN_SECONDS="2",
        GUNICORN_BIND=f"127.0.0.1:{web_port}",
        GUNICORN_WORKERS="2",
    )
    processes: dict[str, subprocess.Popen] = {}

    def start(name, command):
        log = (tmp_path / f"{name}.log").open("a")
        processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=database["env"], stdout=subprocess.DEVNULL, stderr=log
        )

    def stop(name):
        process = processes.pop(name)
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=20)

    celery_app.control.purge()
    database["run"]([*database["manage"], "collectstatic", "--noinput"], role="owner")
    try:
        yield {**database, "start": start, "stop": stop, "port": web_port, "logs": tmp_path,
               "processes": processes}  # fmt: skip
    finally:
        for name in list(processes):
            processes[name].kill()
            processes.pop(name).wait(timeout=10)
        celery_app.control.purge()


def test_the_production_shape_serves_logs_in_and_delivers_reminders_across_a_worker_restart(
    stack,
):
    started = time.monotonic()
    seed = "from tests.release import prodshape_seed as s; "
    first_case = int(
        stack["shell"](
            seed + f"s.seed_login('regisseur', {PASSWORD!r}); print(s.seed_due_huisverbod())"
        )
    )
    python = sys.executable
    stack["start"]("web", [python, "-m", "gunicorn", "--config", "deploy/gunicorn.conf.py",
                           "config.wsgi:application"])  # fmt: skip
    stack["start"]("worker", [python, "-m", "celery", "-A", "config", "worker",
                              "--concurrency", "1", "--hostname", "w1@%h"])  # fmt: skip
    stack["start"]("beat", [python, "-m", "celery", "-A", "config", "beat",
                            "--schedule", str(stack["logs"] / "beat-schedule")])  # fmt: skip
    browser = Browser(f"http://127.0.0.1:{stack['port']}")

    # /healthz: database and broker answer, the release number is shown.
    def healthy():
        try:
            status, _, body = browser.request("/healthz")
        except OSError:
            return None
        return json.loads(body) if status == 200 else None

    health = wait_for("/healthz", healthy, timeout=30)
    assert health == {"status": "ok", "version": VERSION, "database": "ok", "broker": "ok"}

    # A login: password, then the second factor, then the home page.
    _, _, html = browser.request("/accounts/login/")
    status, headers, _ = browser.request(
        "/accounts/login/",
        {"csrfmiddlewaretoken": csrf_token(html), "username": "regisseur", "password": PASSWORD},
    )
    assert status == 302
    status, headers, _ = browser.request(headers["Location"])
    assert status == 302 and "/accounts/2fa/" in headers["Location"]
    _, _, html = browser.request("/accounts/2fa/")
    status, headers, _ = browser.request(
        "/accounts/2fa/", {"csrfmiddlewaretoken": csrf_token(html), "token": RECOVERY_CODE}
    )
    assert status == 302, "the second factor was refused"
    status, _, html = browser.request("/")
    assert status == 200 and "Uitloggen" in html and f"Versie {VERSION}" in html

    # The beat scan finds the due reminders; the worker delivers them.
    def counts(case_pk) -> tuple[int, int]:
        with psycopg.connect(stack["url"](stack["names"]["owner"])) as conn:
            return conn.execute(
                f"SELECT count(*), count(d.notified_at) FROM {DELIVERIES} d "  # noqa: S608
                f"JOIN {REMINDERS} r ON d.reminder_id = r.id WHERE r.case_id = %s",
                [case_pk],
            ).fetchone()

    def delivered(case_pk):
        dispatched, done = counts(case_pk)
        return dispatched > 0 and dispatched == done

    wait_for("the first reminders", lambda: delivered(first_case), timeout=40, every=1)

    # The worker stops. Meanwhile reminders fall due and beat keeps enqueueing its scan
    # into Redis, where the tasks wait; a new worker runs them and delivers every reminder.
    stack["stop"]("worker")
    second_case = int(stack["shell"](seed + "print(s.seed_due_huisverbod())"))
    queue = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    wait_for("scans waiting in Redis", lambda: queue.llen("celery") >= 2, timeout=20)
    assert counts(second_case) == (0, 0)  # nothing ran while no worker was there
    tokens = logs.bind(request_id="prodshape-request", trace_id=TRACE)
    try:
        celery_app.send_task("casusregie.ping")
    finally:
        logs.unbind(tokens)
    stack["start"]("worker", [python, "-m", "celery", "-A", "config", "worker",
                              "--concurrency", "1", "--hostname", "w2@%h"])  # fmt: skip
    wait_for("the reminders after the restart", lambda: delivered(second_case), timeout=40, every=1)

    # The application role cannot change or empty the access log.
    with psycopg.connect(stack["url"](stack["names"]["app"])) as conn:
        rights = conn.execute(
            "SELECT has_table_privilege(current_user, 'audit_auditentry', p) "
            "FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE']) AS p"
        ).fetchall()
        owner = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'audit_auditentry'"
        ).fetchone()[0]
    assert [r[0] for r in rights] == [True, True, False, False, False]
    assert owner == stack["names"]["owner"]

    # Logs: every line JSON with both ids; the trace id travelled into the task.
    for name in ("web", "worker", "beat"):
        for line in (stack["logs"] / f"{name}.log").read_text().splitlines():
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                pytest.fail(f"{name} wrote a line that is not JSON: {line}")
            assert {"request_id", "trace_id", "level", "message"} <= set(entry), (name, line)
    web_lines = [json.loads(x) for x in (stack["logs"] / "web.log").read_text().splitlines()]
    access = [e for e in web_lines if e.get("event") == "request"]
    assert any(e["path"] == "/accounts/2fa/" and e["status"] == 302 for e in access)
    assert all(e["request_id"] != "-" for e in access)

    # The ping waits in the queue behind the scans: the reminders may be delivered before
    # the worker has run (and logged) it, so wait for its line.
    def pinged():
        lines = (stack["logs"] / "worker.log").read_text().splitlines()
        entries = [json.loads(x) for x in lines if x.startswith("{")]
        return any(e.get("task") == "casusregie.ping" and e["trace_id"] == TRACE for e in entries)

    try:
        wait_for("the ping task's log line", pinged, timeout=30)
    except AssertionError:
        pytest.fail("the task did not carry the trace id of its caller")
    assert time.monotonic() - started < 90
