# SPDX-License-Identifier: EUPL-1.2
from pathlib import Path

from casework.diagram import mermaid

DOC = Path(__file__).resolve().parents[2] / "docs" / "phase-diagram.md"


def test_the_documented_diagram_is_generated_from_the_code():
    assert DOC.read_text() == mermaid(), "run `make diagram` to regenerate docs/phase-diagram.md"


def test_the_diagram_has_every_transition_of_the_design():
    text = mermaid()
    for edge in [
        "registered --> immediate_safety: start",
        "immediate_safety --> stable_safety: stabilise",
        "stable_safety --> recovery: recover",
        "stable_safety --> immediate_safety: relapse",
        "recovery --> immediate_safety: relapse",
        "closed --> immediate_safety: reopen",
        "mda --> code_rood: escalate",
        "code_rood --> mda: deescalate",
    ]:
        assert edge in text
    for phase in ["immediate_safety", "stable_safety", "recovery"]:
        assert f"{phase} --> closed: close" in text
