# SPDX-License-Identifier: EUPL-1.2
"""Issue 14: a benchmark run cut short keeps what it measured. bench_run writes its JSON
after every step; bench_report reads a partial run and says it was cut short."""

import json

import pytest
from django.core.management import call_command

from bench import suite
from bench.management.commands import bench_report, bench_run

PAGE = {"page": "case list", "user": "partner", "median_ms": 12.5, "queries": 13, "status": 200}


def test_a_run_that_stops_midway_leaves_its_measured_pages(tmp_path, monkeypatch):
    monkeypatch.setattr(bench_run, "RESULTS", tmp_path)
    monkeypatch.setattr(suite, "database_facts", lambda: {"cases": 100_000})
    monkeypatch.setattr(suite, "measure_pages", lambda rounds: [dict(PAGE)])
    monkeypatch.setattr(suite, "measure_floors", lambda pages, rounds: None)
    monkeypatch.setattr(suite, "measure_search", lambda rounds: [])
    monkeypatch.setattr(suite, "measure_figures", lambda: [])

    def stopped(**_):
        raise KeyboardInterrupt  # the operator stops a run that takes too long

    monkeypatch.setattr(suite, "measure_audit_cost", stopped)
    with pytest.raises(KeyboardInterrupt):
        call_command("bench_run", label="cut", rounds=1, no_gunicorn=True)
    saved = json.loads((tmp_path / "cut.json").read_text())
    assert saved["complete"] is False
    assert saved["facts"]["cases"] == 100_000
    assert saved["pages"] == [PAGE]

    monkeypatch.setattr(bench_report, "RESULTS", tmp_path)
    out = tmp_path / "report.txt"
    with out.open("w") as stream:
        call_command("bench_report", "cut", svg=str(tmp_path / "c.svg"), stdout=stream)
    report = out.read_text()
    assert "12.5 ms, 13 q" in report
    assert "cut (cut short)" in report
