#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Check a hashed lock for known vulnerabilities (pip-audit against PyPI's advisory data).

Fails on any known vulnerability that deploy/audit-ignore.toml does not excuse, and on an
excuse whose `until` date has passed. When PyPI cannot be reached the check cannot say
anything: outside CI it is skipped with a message saying so; in CI (CI=true) that is a failure.
"""

import argparse
import datetime
import os
import subprocess
import sys
import tomllib
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "deploy" / "audit-ignore.toml"
# pip-audit's "pypi" service reads the advisories PyPI publishes in its JSON API.
PROBE_URL = "https://pypi.org/pypi/django/json"


def load_ignores(path: Path, *, today: datetime.date) -> tuple[list[str], list[str]]:
    """(ids still excused, messages about expired or malformed entries)."""
    if not path.exists():
        return [], []
    entries = tomllib.loads(path.read_text()).get("ignore", [])
    ids, problems = [], []
    for entry in entries:
        missing = {"id", "package", "reason", "until"} - entry.keys()
        if missing:
            problems.append(f"{entry.get('id', '?')}: missing {', '.join(sorted(missing))}")
            continue
        until = entry["until"]
        if not isinstance(until, datetime.date):
            problems.append(f"{entry['id']}: until must be a date (YYYY-MM-DD)")
        elif until < today:
            problems.append(f"{entry['id']} ({entry['package']}): the exception expired on {until}")
        else:
            ids.append(entry["id"])
    return ids, problems


def pypi_reachable(timeout: float = 5.0) -> bool:
    try:
        with urllib.request.urlopen(PROBE_URL, timeout=timeout) as response:  # noqa: S310
            return response.status == 200
    except OSError:
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("requirements", nargs="?", default=str(ROOT / "requirements.txt"))
    parser.add_argument("--ignore-file", default=str(IGNORE_FILE))
    parser.add_argument("--no-hashes", action="store_true", help="for a lock without hashes")
    args = parser.parse_args(argv)
    in_ci = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

    ids, problems = load_ignores(Path(args.ignore_file), today=datetime.date.today())
    if problems:
        for problem in problems:
            print(f"audit: {problem}", file=sys.stderr)
        return 1
    if not pypi_reachable():
        message = f"audit: PyPI ({PROBE_URL}) cannot be reached; vulnerabilities NOT checked"
        if in_ci:
            print(message + " (CI requires the check)", file=sys.stderr)
            return 1
        print(message + " (skipped outside CI)", file=sys.stderr)
        return 0
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", args.requirements,
        "--vulnerability-service", "pypi", "--disable-pip", "--progress-spinner", "off",
    ]  # fmt: skip
    command.append("--no-deps" if args.no_hashes else "--require-hashes")
    for vuln_id in ids:
        command += ["--ignore-vuln", vuln_id]
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
