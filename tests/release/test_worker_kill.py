# SPDX-License-Identifier: EUPL-1.2
"""Issue 12, lost work comes back fast: in the production shape (separate worker and beat
processes, PostgreSQL, Redis) a worker is killed (SIGKILL, no goodbye) in the middle of a
backlog and the broker is restarted empty, losing every task it held. A new worker and the
beat's scan then bring every reminder to its recipient exactly once, within two minutes
of the lost work's enqueueing: one in-app notification per delivery, one mail per delivery
(a mail sent twice would carry the same Message-ID).

The test runs a Redis of its own on a free port, so restarting it disturbs nothing else."""

import email
import shutil
import signal
import subprocess
import sys
import time

import psycopg
import pytest

from deadlines.models import Reminder, ReminderDelivery
from notifications.models import Notification
from tests.release import test_production_shape as shape

free_port, wait_for = shape.free_port, shape.wait_for
stack = shape.stack  # the production shape's fixture: its database, processes and logs

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

DELIVERIES = ReminderDelivery._meta.db_table
REMINDERS = Reminder._meta.db_table
NOTIFICATIONS = Notification._meta.db_table
REQUEUE_SECONDS = 8  # production: 60 (REMINDER_REQUEUE_AFTER_SECONDS)
HUISVERBODEN = 40


class Redis:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.dir)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for("the test's Redis", self.answers, timeout=20, every=0.2)

    def answers(self):
        try:
            return subprocess.run(
                ["redis-cli", "-p", str(self.port), "ping"], capture_output=True, text=True,
                timeout=5,
            ).stdout.strip() == "PONG"  # fmt: skip
        except subprocess.TimeoutExpired:
            return False

    def kill(self):
        self.process.kill()
        self.process.wait(timeout=10)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def own_redis(tmp_path):
    if shutil.which("redis-server") is None:
        pytest.skip("needs redis-server on the PATH")  # .ci/run installs and starts Redis
    server = Redis(tmp_path)
    server.start()
    yield server
    if server.process and server.process.poll() is None:
        server.kill()


def test_a_killed_worker_and_a_restarted_broker_lose_no_reminder(stack, own_redis, tmp_path):
    mails = tmp_path / "mail"
    stack["env"].update(
        CELERY_BROKER_URL=own_redis.url,
        REMINDER_REQUEUE_AFTER_SECONDS=str(REQUEUE_SECONDS),
        REMINDER_SENDING_STALE_SECONDS=str(REQUEUE_SECONDS),
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(mails),
    )
    python = sys.executable
    worker = [python, "-m", "celery", "-A", "config", "worker", "--pool", "solo"]
    seed = "from tests.release import prodshape_seed as s; "
    cases = stack["shell"](seed + f"print(s.seed_due_huisverboden({HUISVERBODEN}))").split(",")
    # A backlog: beat's scans wait in Redis until the worker comes, which then dispatches
    # every due reminder and starts delivering them.
    stack["start"]("beat", [python, "-m", "celery", "-A", "config", "beat",
                            "--schedule", str(tmp_path / "beat-schedule")])  # fmt: skip
    stack["start"]("worker", [*worker, "--hostname", "w1@%h"])
    owner = stack["url"](stack["names"]["owner"])

    def counts():
        with psycopg.connect(owner) as conn:
            return conn.execute(
                f"SELECT count(*), count(d.notified_at), count(d.emailed_at) "  # noqa: S608
                f"FROM {DELIVERIES} d JOIN {REMINDERS} r ON d.reminder_id = r.id "
                f"WHERE r.case_id = ANY(%s)",
                [[int(pk) for pk in cases]],
            ).fetchone()

    # The worker is killed while the backlog is being delivered.
    wait_for("the first deliveries", lambda: counts()[1] >= 3, timeout=60, every=0.05)
    _kill(stack, "worker")
    dispatched, done, _ = counts()
    assert done < dispatched, "the worker finished before it could be killed"

    # The broker restarts empty: every task it held is gone.
    own_redis.kill()
    own_redis.start()
    restarted = time.monotonic()
    stack["start"]("worker", [*worker, "--hostname", "w2@%h"])

    def all_delivered():
        dispatched, done, emailed = counts()
        return dispatched == done == emailed and dispatched

    total = wait_for("every reminder after the restart", all_delivered, timeout=120, every=1)
    assert time.monotonic() - restarted < 120
    assert total >= HUISVERBODEN * 2

    # Exactly once: one notification per delivery, one mail (one Message-ID) per delivery.
    with psycopg.connect(owner) as conn:
        notified = conn.execute(
            f"SELECT count(*) FROM {NOTIFICATIONS} WHERE case_id = ANY(%s) "  # noqa: S608
            f"AND event_key LIKE 'reminder:%%'",
            [[int(pk) for pk in cases]],
        ).fetchone()[0]
    assert notified == total
    ids = []
    for path in mails.iterdir():
        for raw in path.read_text().split("-" * 79):
            if raw.strip():
                ids.append(email.message_from_string(raw.strip())["Message-ID"])
    assert len(set(ids)) == total, (len(set(ids)), total)
    # A mail sent twice (killed between the SMTP server's acceptance and the commit) is the
    # same message: the same Message-ID, so the receiving side drops it (docs/deadlines.md).
    assert len(ids) - len(set(ids)) <= 1


def _kill(stack, name) -> None:
    """SIGKILL: the worker gets no chance to finish or hand back what it holds."""
    process = stack["processes"].pop(name)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
