# SPDX-License-Identifier: EUPL-1.2
"""The walls of the layout (shared/STYLE.md), kept by tests: views and admin modules hand
every write to a service, and the rooms import only downward (import-linter)."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = [
    "api",
    "accounts",
    "audit",
    "casework",
    "conferences",
    "deadlines",
    "documents",
    "huisverbod",
    "notifications",
    "outcomes",
    "overviews",
    "privacy",
    "perpetrator",
    "safetyplan",
    "timeliness",
]
WRITES = {"save", "delete", "create", "update", "bulk_create", "get_or_create", "update_or_create"}
QUERYSET_HEADS = {"objects", "filter", "exclude", "all", "select_for_update"}


def _view_and_admin_modules() -> list[Path]:
    found = []
    for app in APPS:
        base = ROOT / app
        found += [p for p in (base / "views.py", base / "admin.py") if p.exists()]
        found += sorted((base / "views").glob("*.py")) if (base / "views").is_dir() else []
    return found


def _receiver_head(node: ast.AST) -> str:
    """The last name before the write: `Case.objects.create` -> "objects"."""
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _receiver_head(node.func)
    return getattr(node, "id", "")


def model_writes(source: str) -> list[int]:
    """Lines that call .save()/.delete() on anything, or a queryset write."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        name = node.func.attr
        if name not in WRITES:
            continue
        if name in {"save", "delete"} or _receiver_head(node.func.value) in QUERYSET_HEADS:
            lines.append(node.lineno)
    return lines


def test_the_write_detector_finds_what_it_must():
    assert model_writes("x.save()\nCase.objects.create(a=1)\nqs.filter(a=1).update(b=2)\n") == [
        1,
        2,
        3,
    ]
    assert model_writes("context.update(a=1)\nsuper().save_model(r, o, f, c)\n") == []


def test_no_view_or_admin_module_writes_models():
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in _view_and_admin_modules()
        if (lines := model_writes(path.read_text()))
    }
    assert offenders == {}, f"views/admin that write models instead of a service: {offenders}"


def test_rooms_import_only_downward():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout[-3000:]
