# SPDX-License-Identifier: EUPL-1.2
"""One token file carries the theme (NL Design System names); the SBOM lists the runtime."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parents[2]
TOKENS = ROOT / "static" / "css" / "tokens.css"
STYLESHEETS = [ROOT / "static" / "css" / "casusregie.css", *ROOT.glob("*/static/**/*.css")]


def defined_tokens() -> set[str]:
    return set(re.findall(r"^\s*(--[a-z0-9-]+):", TOKENS.read_text(), re.M))


def test_stylesheets_use_only_tokens_of_the_token_file():
    tokens = defined_tokens()
    assert any(t.startswith("--basis-") for t in tokens)
    assert any(t.startswith("--nl-button-") for t in tokens)
    for sheet in STYLESHEETS:
        text = sheet.read_text()
        assert "--cr-" not in text, sheet
        assert ":root" not in text, f"{sheet} defines tokens; they belong in tokens.css"
        used = set(re.findall(r"var\((--[a-z0-9-]+)", text))
        assert used <= tokens, f"{sheet}: undefined {sorted(used - tokens)}"
        assert not re.search(r"#[0-9a-fA-F]{3,6}\b", text), f"{sheet} hard-codes a colour"


def test_no_central_government_colour_anywhere():
    for path in [*ROOT.glob("*/**/*.py"), *ROOT.glob("templates/**/*.html"), *STYLESHEETS]:
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        assert "01689b" not in path.read_text().lower(), path


@pytest.mark.django_db
def test_every_page_loads_the_token_file_before_the_stylesheet(client):
    html = client.get("/accounts/login/").content.decode()
    assert html.index("css/tokens.css") < html.index("css/casusregie.css")
    assert finders.find("css/tokens.css") == str(TOKENS)


def test_sbom_lists_the_runtime_lock_and_not_the_test_tools(tmp_path):
    tool = shutil.which("cyclonedx-py", path=str(Path(sys.executable).parent))
    assert tool, "cyclonedx-bom is in the development lock"
    target = tmp_path / "sbom.json"
    subprocess.run(
        [tool, "requirements", str(ROOT / "requirements.txt"), "--pyproject",
         str(ROOT / "pyproject.toml"), "--output-reproducible", "--output-format", "JSON",
         "--output-file", str(target)],
        check=True, capture_output=True,
    )  # fmt: skip
    sbom = json.loads(target.read_text())
    assert sbom["bomFormat"] == "CycloneDX"
    names = {c["name"].lower(): c for c in sbom["components"]}
    assert "django" in names and names["django"]["purl"].startswith("pkg:pypi/django@")
    assert "pytest" not in names and "playwright" not in names
    assert sbom["metadata"]["component"]["name"] == "casusregie"
    assert "make sbom" in (ROOT / "docs" / "deployment.md").read_text()
