# SPDX-License-Identifier: EUPL-1.2
"""python manage.py bench_run --label 10k  (with DJANGO_SETTINGS_MODULE=bench.settings)

Measures every page for perf-partner, perf-coordinator and perf-manager on the current
database, the access log's cost, the reminder throughput and gunicorn's throughput, prints
a table and writes bench/results/<label>.json (bench_report turns those into tables and a
chart for docs/performance.md). The file is written after every step, so a run cut short
(a 100k region takes long on a small machine) keeps what it measured; `"complete": false`
says that it stopped early."""

import json
import os
import platform
from pathlib import Path

from django.core.management.base import BaseCommand

from bench import suite

RESULTS = Path(__file__).resolve().parents[2] / "results"


class Command(BaseCommand):
    help = "Meet alle pagina's op de huidige (gegenereerde) database."

    def add_arguments(self, parser):
        parser.add_argument("--label", required=True)
        parser.add_argument("--rounds", type=int, default=10)
        parser.add_argument("--no-gunicorn", action="store_true")
        parser.add_argument("--only", default="", help="comma-separated page names")

    def handle(self, *args, label, rounds, no_gunicorn, only, **options):
        RESULTS.mkdir(exist_ok=True)
        result = {"label": label, "complete": False}

        def save(**measured) -> None:
            result.update(measured)
            (RESULTS / f"{label}.json").write_text(json.dumps(result, indent=1))

        facts = suite.database_facts()
        facts["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
        self.stdout.write(f"{facts}")
        save(facts=facts)
        pages = suite.measure_pages(rounds=rounds)
        if only:
            pages = [p for p in pages if p["page"] in only.split(",")]
        save(pages=pages)
        suite.measure_floors(pages, rounds=rounds)
        save(pages=pages)
        self.stdout.write(
            f"{'page':24} {'user':12} {'ms':>9} {'queries':>8} {'paired':>8} {'floor':>8} "
            f"{'ratio':>6}"
        )
        for row in pages:
            self.stdout.write(
                f"{row['page']:24} {row['user']:12} {row['median_ms']:>9} {row['queries']:>8} "
                f"{row.get('paired_ms', ''):>8} {row.get('floor_ms', ''):>8} "
                f"{row.get('ratio', ''):>6}"
                + ("" if row["status"] == 200 else f"  (HTTP {row['status']})")
            )
        search = suite.measure_search(rounds=rounds)
        for row in search:
            self.stdout.write(
                f"search {row['search']:14} {row['user']:12} {row['median_ms']:>9} ms "
                f"{row['queries']:>3} q" + ("" if row["status"] == 200 else f" ({row['status']})")
            )
        save(search=search)
        figures = suite.measure_figures()
        for row in figures:
            self.stdout.write(
                f"figures {row['figures']:10} {row['user']:12} {row['median_ms']:>9} ms"
            )
        save(figures=figures)
        # The log's cost is a few ms on a page that moves by more between requests: five
        # times the rounds, in turns with and without it.
        audit = suite.measure_audit_cost(rounds=5 * rounds)
        for row in audit:
            self.stdout.write(f"access log on {row['page']}: +{row['cost_pct']} % ({row})")
        save(audit=audit)
        reminders = suite.measure_reminders()
        self.stdout.write(f"reminders: {reminders}")
        save(reminders=reminders)
        gunicorn = None if no_gunicorn else suite.measure_gunicorn()
        self.stdout.write(f"gunicorn: {gunicorn}")
        save(gunicorn=gunicorn, complete=True)
