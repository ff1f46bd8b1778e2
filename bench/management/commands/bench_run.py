# SPDX-License-Identifier: EUPL-1.2
"""python manage.py bench_run --label 10k  (with DJANGO_SETTINGS_MODULE=bench.settings)

Measures every page for perf-partner, perf-coordinator and perf-manager on the current
database, the access log's cost, the reminder throughput and gunicorn's throughput, prints
a table and writes bench/results/<label>.json (bench_report turns those into tables and a
chart for docs/performance.md)."""

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
        facts = suite.database_facts()
        facts["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}"
        self.stdout.write(f"{facts}")
        pages = suite.measure_pages(rounds=rounds)
        if only:
            pages = [p for p in pages if p["page"] in only.split(",")]
        suite.measure_floors(pages, rounds=rounds)
        self.stdout.write(
            f"{'page':24} {'user':12} {'ms':>9} {'queries':>8} {'floor':>8} {'ratio':>6}"
        )
        for row in pages:
            self.stdout.write(
                f"{row['page']:24} {row['user']:12} {row['median_ms']:>9} {row['queries']:>8} "
                f"{row.get('floor_ms', ''):>8} {row.get('ratio', ''):>6}"
                + ("" if row["status"] == 200 else f"  (HTTP {row['status']})")
            )
        audit = suite.measure_audit_cost(rounds=rounds)
        for row in audit:
            self.stdout.write(f"access log on {row['page']}: +{row['cost_pct']} % ({row})")
        reminders = suite.measure_reminders()
        self.stdout.write(f"reminders: {reminders}")
        gunicorn = None if no_gunicorn else suite.measure_gunicorn()
        self.stdout.write(f"gunicorn: {gunicorn}")
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / f"{label}.json").write_text(
            json.dumps(
                {
                    "label": label,
                    "facts": facts,
                    "pages": pages,
                    "audit": audit,
                    "reminders": reminders,
                    "gunicorn": gunicorn,
                },
                indent=1,
            )  # fmt: skip
        )
