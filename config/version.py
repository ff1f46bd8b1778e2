# SPDX-License-Identifier: EUPL-1.2
"""The release number, read from its single source: `version` in pyproject.toml.

Shown in the page footer and by /healthz; CHANGELOG.md and publiccode.yml name the same
number (a test holds them to it).
"""

import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
VERSION: str = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["version"]


def version_context(request) -> dict:
    """Template context processor: {{ CASUSREGIE_VERSION }}."""
    return {"CASUSREGIE_VERSION": VERSION}
