# SPDX-License-Identifier: EUPL-1.2
"""Start the real OpenID Connect provider (npm `oidc-provider`, tests/oidc/provider/) on a
free local port. Needs node and `npm ci --prefix tests/oidc/provider` (make test does it)."""

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "provider"


def available() -> str:
    """Why the provider cannot start, or "" when it can."""
    if shutil.which("node") is None:
        return "needs node (apt-get install nodejs)"
    if not (HERE / "node_modules" / "oidc-provider").exists():
        return "needs `npm ci --prefix tests/oidc/provider`"
    return ""


@dataclass
class RunningProvider:
    issuer: str
    discovery: dict
    process: subprocess.Popen

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(*, redirect_uri: str, post_logout_uri: str) -> RunningProvider:
    port = _free_port()
    process = subprocess.Popen(
        ["node", "server.mjs", str(port), redirect_uri, post_logout_uri],
        cwd=HERE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issuer = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            with urllib.request.urlopen(f"{issuer}/.well-known/openid-configuration") as answer:
                return RunningProvider(issuer, json.load(answer), process)
        except OSError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.terminate()
                raise RuntimeError("the test OpenID Connect provider did not start") from None
            time.sleep(0.2)
