# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the every-minute deadline scan on PostgreSQL (result: docs/performance.md).

Creates a separate database (default casusregie_bench), migrates it, fills it with
1,000,000 huisverboden (with their planned reminders) and 1,000,000 deadlines using
generate_series in SQL, runs the scan's selectors with EXPLAIN ANALYZE and drops the
database again. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusregie \
        .venv/bin/python scripts/bench_deadline_scan.py [--rows 1000000] [--keep]
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--name", default="casusregie_bench")
    parser.add_argument("--keep", action="store_true", help="do not drop the database")
    args = parser.parse_args()

    import dj_database_url
    import psycopg

    base = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/casusregie")
    config = dj_database_url.parse(base)
    admin = psycopg.connect(
        host=config["HOST"], port=config["PORT"] or 5432, user=config["USER"],
        password=config["PASSWORD"] or None, dbname="postgres", autocommit=True,
    )  # fmt: skip
    admin.execute(f'DROP DATABASE IF EXISTS "{args.name}"')
    admin.execute(f'CREATE DATABASE "{args.name}"')
    bench_url = base.rsplit("/", 1)[0] + "/" + args.name
    env = {**os.environ, "DATABASE_URL": bench_url}
    try:
        started = time.monotonic()
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True
        )
        print(f"migrate: {time.monotonic() - started:.1f} s")
        os.environ["DATABASE_URL"] = bench_url
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        import django

        django.setup()
        fill(args.rows)
        measure()
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            admin.execute(f'DROP DATABASE IF EXISTS "{args.name}" WITH (FORCE)')
            print(f"dropped {args.name}")


FILL_SQL = """
INSERT INTO accounts_organisation (name, kind, is_active) VALUES
  ('Bench ZVH', 'zvh', true), ('Bench Veilig Thuis', 'veilig_thuis', true);
INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name, email,
  is_staff, is_active, date_joined, role, organisation_id)
SELECT '!', false, 'bench-coordinator', 'B', 'C', '', false, true, now(), 'coordinator', id
FROM accounts_organisation WHERE name = 'Bench ZVH';
-- 1,000 cases carry the million rows (cases are not what is measured).
INSERT INTO casework_case (reference, year, number, track, phase, phase_entered_at,
  municipality_id, registering_organisation_id, escalation_criteria, escalation_reason,
  coordinator_id, registered_by_id, registered_at)
SELECT 'B-' || g, 2026, g, 'code_rood', 'immediate_safety', now(),
  (SELECT min(id) FROM casework_municipality),
  (SELECT id FROM accounts_organisation WHERE name = 'Bench ZVH'), '[]', 'bench',
  u.id, u.id, now()
FROM generate_series(1, 1000) g, (SELECT id FROM accounts_user WHERE username = 'bench-coordinator') u;
INSERT INTO casework_person (case_id, first_name, last_name, date_of_birth, is_victim,
  is_perpetrator, is_child, is_household_member, is_network, phone, email, address,
  confidential_address, created_at, updated_at)
SELECT c.id, 'P', 'P' || g, date '1980-01-01', false, true, false, false, false, '', '', '', '',
  now(), now()
FROM generate_series(1, %(rows)s / 1000) g, casework_case c;
-- Huisverboden imposed over the past three years; about 3 percent still running.
INSERT INTO casework_huisverbod (case_id, person_id, status, imposed_at, imposed_by,
  child_abuse, veilig_thuis_consulted, reachable_address, ends_at, recorded_by_id,
  recorded_at, extension_reason, withdrawal_reason)
SELECT p.case_id, p.id,
  CASE WHEN t.imposed > now() - interval '10 days' THEN 'imposed' ELSE 'ended' END,
  t.imposed, 'assistant_prosecutor', false, false, '', t.imposed + interval '10 days',
  (SELECT id FROM accounts_user WHERE username = 'bench-coordinator'), now(), '', ''
FROM casework_person p,
  LATERAL (SELECT now() - (p.id %% 1095) * interval '1 day' - (p.id %% 1440) * interval '1 minute'
           AS imposed) t;
-- Four planned reminders per huisverbod; those of ended ones already dispatched.
INSERT INTO casework_reminder (case_id, kind, huisverbod_id, about, due_at, status, late,
  created_at)
SELECT h.case_id, k.kind, h.id, h.ends_at::text, h.imposed_at + k.offs,
  CASE WHEN h.status = 'ended' THEN 'dispatched' ELSE 'pending' END, false, now()
FROM casework_huisverbod h,
  (VALUES ('hv_day7', interval '7 days'), ('hv_day8', interval '8 days'),
          ('hv_end_24h', interval '9 days'), ('hv_end', interval '10 days')) k(kind, offs);
-- Deadlines of agreements, actions, evaluations: due dates over +-2 years, 80 percent done.
INSERT INTO casework_deadline (case_id, kind, source_type, source_id, title,
  owner_organisation_id, due_date, status, updated_at)
SELECT 1 + (g %% 1000) + (SELECT min(id) - 1 FROM casework_case),
  (ARRAY['agreement','action','evaluation'])[1 + g %% 3],
  'bench.source', g, 'Afspraak ' || g,
  (SELECT id FROM accounts_organisation WHERE name = 'Bench Veilig Thuis'),
  current_date + ((g %% 1461) - 730),
  CASE WHEN g %% 5 = 0 THEN 'open' ELSE 'done' END, now()
FROM generate_series(1, %(rows)s) g;
ANALYZE;
"""


def fill(rows: int) -> None:
    from django.db import connection

    started = time.monotonic()
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL % {"rows": rows})
        for table in ("casework_huisverbod", "casework_reminder", "casework_deadline"):
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - fixed names
            print(f"{table}: {cursor.fetchone()[0]:,} rows")
    print(f"fill: {time.monotonic() - started:.1f} s")


def measure() -> None:
    from django.db import connection
    from django.utils import timezone

    from deadlines.models import ReminderKind
    from deadlines.selectors import (
        deadlines_due,
        deadlines_to_escalate,
        escalations_ignored,
        reminders_due,
    )
    from huisverbod.selectors import huisverboden_expired

    now = timezone.now()
    queries = {
        "reminders_due": reminders_due(now=now),
        "deadlines_due (before)": deadlines_due(now=now, kind=ReminderKind.DEADLINE_BEFORE),
        "deadlines_due (on the day)": deadlines_due(now=now, kind=ReminderKind.DEADLINE_DUE),
        "deadlines_to_escalate": deadlines_to_escalate(now=now),
        "escalations_ignored": escalations_ignored(now=now),
        "huisverboden_expired": huisverboden_expired(now=now),
    }
    for label, qs in queries.items():
        qs = qs.order_by()[:500] if label != "reminders_due" else qs[:500]
        best = None
        for _ in range(5):
            started = time.perf_counter()
            found = len(list(qs.values_list("pk", flat=True)))
            elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        print(f"\n== {label}: {found} rows, best of 5 {best * 1000:.1f} ms")
        sql, params = qs.values_list("pk", flat=True).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql, params)
            for (line,) in cursor.fetchall():
                print("   ", line)
    started = time.perf_counter()
    from django.test.utils import CaptureQueriesContext

    from deadlines.services.scan import deadline_scan

    with CaptureQueriesContext(connection):
        # The whole scan, without a broker: enqueueing happens on commit, patched out.
        from deadlines.services import reminders as reminders

        reminders._enqueue = lambda ids: None
        counts = deadline_scan(now=now)
    print(f"\n== full deadline_scan: {time.perf_counter() - started:.2f} s {counts}")


if __name__ == "__main__":
    main()
