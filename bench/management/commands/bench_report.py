# SPDX-License-Identifier: EUPL-1.2
"""python manage.py bench_report before-10k after-1k after-10k after-100k

Turns bench/results/<label>.json into Markdown tables (printed) and docs/performance-curves.svg:
median server time per page against the number of cases, one line per page (the slowest
user), on a log scale."""

import json
import math
from pathlib import Path

from django.core.management.base import BaseCommand

ROOT = Path(__file__).resolve().parents[3]
RESULTS = ROOT / "bench" / "results"


def _load(label):
    return json.loads((RESULTS / f"{label}.json").read_text())


def _svg(runs: list[dict]) -> str:
    pages = sorted({p["page"] for run in runs for p in run["pages"]})
    sizes = sorted({run["facts"]["cases"] for run in runs})
    width, height, left, bottom = 760, 420, 70, 40
    top = 20

    def x(n):
        if len(sizes) == 1:
            return left + 300
        span = math.log10(sizes[-1]) - math.log10(sizes[0])
        return left + (math.log10(n) - math.log10(sizes[0])) / span * (width - left - 230)

    def y(ms):
        low, high = 1, 4  # 10 ms .. 10 s
        value = min(max(math.log10(max(ms, 10)), low), high)
        return top + (high - value) / (high - low) * (height - top - bottom)

    colours = ["#0b5394", "#b45f06", "#38761d", "#990000", "#674ea7", "#45818e", "#bf9000",
               "#a64d79", "#3c78d8", "#6aa84f", "#cc0000"]  # fmt: skip
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'font-family="sans-serif" font-size="11" role="img" '
        f'aria-label="Mediane servertijd per pagina tegen het aantal casussen">',
        f'<rect width="{width}" height="{height}" fill="white"/>',
    ]
    for ms in (10, 30, 100, 300, 1000, 3000, 10000):
        out.append(
            f'<line x1="{left}" x2="{width - 230}" y1="{y(ms):.1f}" y2="{y(ms):.1f}" stroke="#ddd"/>'
        )
        out.append(f'<text x="{left - 6}" y="{y(ms) + 4:.1f}" text-anchor="end">{ms} ms</text>')
    for n in sizes:
        out.append(
            f'<text x="{x(n):.1f}" y="{height - 15}" text-anchor="middle">{n:,} casussen</text>'
        )
    for i, page in enumerate(pages):
        points = []
        for run in sorted(runs, key=lambda r: r["facts"]["cases"]):
            times = [
                p["median_ms"] for p in run["pages"] if p["page"] == page and p["status"] == 200
            ]
            if times:
                points.append((x(run["facts"]["cases"]), y(max(times))))
        colour = colours[i % len(colours)]
        if points:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
            for px, py in points:
                out.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3" fill="{colour}"/>')
        ly = top + 14 + i * 17
        out.append(f'<rect x="{width - 215}" y="{ly - 9}" width="10" height="10" fill="{colour}"/>')
        out.append(f'<text x="{width - 200}" y="{ly}">{page}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


class Command(BaseCommand):
    help = "Maak tabellen en de grafiek uit bench/results/*.json."

    def add_arguments(self, parser):
        parser.add_argument("labels", nargs="+")
        parser.add_argument("--svg", default=str(ROOT / "docs" / "performance-curves.svg"))

    def handle(self, *args, labels, svg, **options):
        runs = [_load(label) for label in labels]
        for run in runs:  # a run cut short keeps what it measured (bench_run saves per step)
            run.setdefault("pages", [])
            run.setdefault("audit", [])
            run.setdefault("reminders", "not measured")
        keys = []
        for run in runs:
            for p in run["pages"]:
                if (p["page"], p["user"]) not in keys:
                    keys.append((p["page"], p["user"]))
        header = (
            "| page | user | "
            + " | ".join(f"{r['label']} ({r['facts']['cases']:,})" for r in runs)
            + " |"
        )
        self.stdout.write(header)
        self.stdout.write("|" + "---|" * (2 + len(runs)))
        for page, user in keys:
            cells = []
            for run in runs:
                row = next(
                    (p for p in run["pages"] if (p["page"], p["user"]) == (page, user)), None
                )
                if row is None or row["status"] != 200:
                    cells.append("—")
                    continue
                cell = f"{row['median_ms']:,} ms, {row['queries']} q"
                if "ratio" in row:
                    cell += f", {row['ratio']}× floor"
                cells.append(cell)
            self.stdout.write(f"| {page} | {user} | " + " | ".join(cells) + " |")
        self.stdout.write("")
        for run in runs:
            audit = ", ".join(f"{a['page']} +{a['cost_pct']} %" for a in run["audit"])
            g = run.get("gunicorn") or {}
            partial = "" if run.get("complete", True) else " (cut short)"
            self.stdout.write(
                f"- {run['label']}{partial}: access log {audit or 'not measured'}; "
                f"reminders {run['reminders']}; "
                f"gunicorn {g or 'not run'}; jit={run['facts'].get('jit')}, "
                f"autovacuum={run['facts'].get('autovacuum')}"
            )
        Path(svg).write_text(_svg([r for r in runs if r["label"].startswith("after")] or runs))
        self.stdout.write(f"chart: {svg}")
