#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Check a hashed lock for known vulnerabilities (pip-audit against PyPI's advisory data).

Fails on any known vulnerability that deploy/audit-ignore.toml does not excuse, and on an
excuse whose `until` date has passed. A package pip-audit could not look up counts as NOT
checked (pip-audit itself would pass it silently): when the advisory data cannot be reached,
the check says so and is skipped outside CI; in CI (CI=true) that is a failure, unless the
operator accepts it explicitly with AUDIT_OFFLINE=accept (docs/deployment.md).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE_FILE = ROOT / "deploy" / "audit-ignore.toml"


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


def run_pip_audit(requirements: str, *, ignore_ids: list[str], hashed: bool) -> dict:
    command = [
        sys.executable, "-m", "pip_audit", "--requirement", requirements,
        "--vulnerability-service", "pypi", "--disable-pip", "--progress-spinner", "off",
        "--format", "json", "--require-hashes" if hashed else "--no-deps",
    ]  # fmt: skip
    for vuln_id in ignore_ids:
        command += ["--ignore-vuln", vuln_id]
    result = subprocess.run(command, check=False, capture_output=True, text=True)
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"audit: pip-audit failed (exit {result.returncode})") from None


def verdict(report: dict, *, in_ci: bool, offline_accepted: bool) -> tuple[int, list[str]]:
    """Exit code and the lines to print, from pip-audit's JSON report."""
    lines, code = [], 0
    dependencies = report.get("dependencies", [])
    for dep in dependencies:
        for vuln in dep.get("vulns", []):
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            lines.append(f"audit: {dep['name']} {dep['version']}: {vuln['id']} (fixed in {fixes})")
            code = 1
    unchecked = [dep["name"] for dep in dependencies if dep.get("skip_reason")]
    if unchecked:
        lines.append(
            f"audit: {len(unchecked)} of {len(dependencies)} packages could NOT be checked: "
            "PyPI's advisory data (pypi.org/pypi/<name>/<version>/json) cannot be reached "
            f"from here ({', '.join(unchecked[:5])}{', ...' if len(unchecked) > 5 else ''})."
        )
        if in_ci and not offline_accepted:
            lines.append("audit: CI requires the check (AUDIT_OFFLINE=accept overrides it).")
            code = code or 1
        else:
            lines.append("audit: skipped for those packages.")
    if code == 0 and not unchecked:
        lines.append(f"audit: no known vulnerabilities in {len(dependencies)} packages.")
    return code, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("requirements", nargs="?", default=str(ROOT / "requirements.txt"))
    parser.add_argument("--ignore-file", default=str(IGNORE_FILE))
    parser.add_argument("--no-hashes", action="store_true", help="for a lock without hashes")
    args = parser.parse_args(argv)

    ids, problems = load_ignores(
        Path(args.ignore_file), today=datetime.datetime.now(datetime.UTC).date()
    )
    if problems:
        for problem in problems:
            print(f"audit: {problem}", file=sys.stderr)
        return 1
    report = run_pip_audit(args.requirements, ignore_ids=ids, hashed=not args.no_hashes)
    code, lines = verdict(
        report,
        in_ci=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
        offline_accepted=os.environ.get("AUDIT_OFFLINE", "") == "accept",
    )
    for line in lines:
        print(line, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
