# SPDX-License-Identifier: EUPL-1.2
"""Stopping `make run` with Ctrl-C ends the worker quietly: honcho (like the terminal) sends
the signal to the worker's whole process group, which a forked pool answered with ERROR
lines about its children."""

import os
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def procfile_command(name: str) -> list[str]:
    for line in (ROOT / "Procfile").read_text().splitlines():
        if line.startswith(f"{name}:"):
            return shlex.split(line.split(":", 1)[1])
    raise AssertionError(f"no {name} in the Procfile")


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_the_worker_of_make_run_stops_without_an_error_line(tmp_path, stop):
    command = procfile_command("worker")
    assert command[0] == "celery"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "CELERY_BROKER"))}
    env["CELERY_BROKER_URL"] = f"sqla+sqlite:///{tmp_path / 'broker.sqlite3'}"
    celery = str(Path(sys.executable).with_name("celery"))
    worker = subprocess.Popen(
        [celery, *command[1:]],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, as under honcho
    )
    output = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:
            line = worker.stdout.readline()
            output.append(line)
            if " ready." in line:
                break
        else:
            pytest.fail("the worker did not start:\n" + "".join(output))
        os.killpg(worker.pid, stop)  # Ctrl-C / honcho: the whole group gets the signal
        rest, _ = worker.communicate(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    output.append(rest)
    text = "".join(output)
    assert "ERROR" not in text and "Traceback" not in text, text[-2000:]
