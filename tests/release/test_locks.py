# SPDX-License-Identifier: EUPL-1.2
"""Two hashed locks: the runtime lock carries no development tool, both pin with hashes,
and the audit script fails on a known vulnerability and on an expired exception."""

import datetime
import importlib.util
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEV_ONLY = {"pytest", "playwright", "ruff", "hypothesis", "faker", "factory-boy", "honcho"}


def pins(path: Path) -> dict[str, str]:
    text = path.read_text()
    return {
        m.group(1).lower(): m.group(2)
        for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)
    }


def requirement_blocks(path: Path) -> list[str]:
    return re.split(r"\n(?=[A-Za-z0-9])", path.read_text().split("\n", 1)[1])


def test_runtime_lock_has_no_development_tools_and_dev_lock_has_them():
    runtime, dev = pins(ROOT / "requirements.txt"), pins(ROOT / "requirements-dev.txt")
    assert "django" in runtime and "gunicorn" in runtime
    assert not DEV_ONLY & set(runtime)
    assert set(dev) >= DEV_ONLY
    # the development lock installs exactly the runtime versions
    assert all(dev[name] == version for name, version in runtime.items())


@pytest.mark.parametrize("lock", ["requirements.txt", "requirements-dev.txt"])
def test_every_pin_carries_a_hash(lock):
    for block in requirement_blocks(ROOT / lock):
        if re.match(r"^[A-Za-z0-9]", block):
            assert "--hash=sha256:" in block, block.splitlines()[0]


def test_runtime_lock_covers_the_declared_dependencies():
    declared = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    runtime = pins(ROOT / "requirements.txt")
    for requirement in declared:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
        assert name in runtime, requirement


def test_make_installs_with_hash_checking_and_lock_uses_uv():
    makefile = (ROOT / "Makefile").read_text()
    assert "--require-hashes" in makefile
    # the lock is installed as it is: resolving it again chose other versions than locked
    assert "--no-deps" in makefile and "pip check" in makefile
    assert "uv pip compile" in makefile and "--generate-hashes" in makefile
    assert not (ROOT / "scripts" / "lock.py").exists()


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit_script", ROOT / "scripts" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_audit_fails_on_a_known_vulnerability():
    audit = _audit_module()
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [{"id": "GHSA-test", "fix_versions": ["5.2.1"]}]},
            {"name": "celery", "version": "5.7.0", "vulns": []},
        ]
    }  # fmt: skip
    code, lines = audit.verdict(report, in_ci=False, offline_accepted=False)
    assert code == 1
    assert any("django 5.2.0: GHSA-test (fixed in 5.2.1)" in line for line in lines)


def test_audit_passes_a_clean_report_and_names_what_it_could_not_check():
    audit = _audit_module()
    clean = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert audit.verdict(clean, in_ci=True, offline_accepted=False)[0] == 0
    unreachable = {"dependencies": [{"name": "django", "skip_reason": "not found on PyPI"}]}
    code, lines = audit.verdict(unreachable, in_ci=False, offline_accepted=False)
    assert code == 0 and any("could NOT be checked" in line for line in lines)
    assert audit.verdict(unreachable, in_ci=True, offline_accepted=False)[0] == 1
    assert audit.verdict(unreachable, in_ci=True, offline_accepted=True)[0] == 0


def test_audit_exceptions_are_dated_and_expire(tmp_path):
    audit = _audit_module()
    ignore = tmp_path / "ignore.toml"
    ignore.write_text(
        '[[ignore]]\nid = "GHSA-old"\npackage = "x"\nreason = "r"\nuntil = 2026-01-31\n'
        '[[ignore]]\nid = "GHSA-new"\npackage = "y"\nreason = "r"\nuntil = 2027-01-31\n'
        '[[ignore]]\nid = "GHSA-undated"\npackage = "z"\nreason = "r"\n'
    )
    ids, problems = audit.load_ignores(ignore, today=datetime.date(2026, 12, 1))
    assert ids == ["GHSA-new"]
    assert "GHSA-old (x): the exception expired on 2026-01-31" in problems
    assert "GHSA-undated: missing until" in problems
    # the project's own list parses and holds no expired exception
    assert (
        audit.load_ignores(
            ROOT / "deploy" / "audit-ignore.toml", today=datetime.datetime.now(datetime.UTC).date()
        )[1]
        == []
    )
