# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: 10,000 reminders due at once, delivered by two Celery workers against
PostgreSQL and Redis (goal: all within 2 minutes; result in docs/performance.md).

Migrates the given database, bulk-creates one case with 2,500 huisverboden (four reminders
each, all due), starts two worker processes (solo pool, one task at a time each, as in
production with prefetch 1), runs ONE scan and waits until every delivery has its
notification and its e-mail (dummy e-mail backend). Prints the figures. Usage:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/casusregie_bench \
    CELERY_BROKER_URL=redis://127.0.0.1:6379/12 \
        .venv/bin/python bench/reminder_throughput.py [--huisverboden 2500] [--workers 2]

The database is emptied of the benchmark's rows at the start (flush), so point it at a
database of its own.
"""

import argparse
import datetime
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--huisverboden", type=int, default=2500)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database of its own.")
    if not os.environ.get("CELERY_BROKER_URL", "").startswith("redis"):
        sys.exit("Set CELERY_BROKER_URL to a Redis database.")
    env = {
        **os.environ,
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
        "DJANGO_SETTINGS_MODULE": "config.settings",
    }
    os.environ.update(env)
    python = sys.executable
    subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([python, "manage.py", "flush", "--no-input"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "-m", "celery", "-A", "config", "purge", "-f"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip

    import django

    django.setup()
    # A SIGTERM (e.g. from `timeout`) still stops the workers in the finally below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    now = fill(args.huisverboden)
    workers = [
        subprocess.Popen(
            [
                python,
                "-m",
                "celery",
                "-A",
                "config",
                "worker",
                "--pool",
                "solo",
                "-n",
                f"bench{i}@%h",
                "-l",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )  # fmt: skip
        for i in range(args.workers)
    ]
    try:
        time.sleep(8)  # let the workers connect
        measure(now)
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=60)


def fill(count: int) -> datetime.datetime:
    from django.db import connection

    from accounts.models import Organisation, OrganisationKind, Role, User
    from casework.models import Municipality, Person, Track
    from casework.services.cases import case_register
    from deadlines.models import Reminder, ReminderKind
    from huisverbod.models import Huisverbod, initial_end

    zvh = Organisation.objects.create(name="ZVH (bench)", kind=OrganisationKind.ZVH)
    police = Organisation.objects.create(name="Politie (bench)", kind=OrganisationKind.POLICE)
    coordinator = User.objects.create_user(
        username="bench-coordinator",
        email="coordinator@bench.invalid",
        organisation=zvh,
        role=Role.COORDINATOR,
    )
    from accounts.services import user_sync_groups

    user_sync_groups(user=coordinator)
    municipality = Municipality.objects.get_or_create(name="Enschede")[0]
    case = case_register(
        actor=coordinator,
        coordinator=coordinator,
        track=Track.CODE_ROOD,
        municipality=municipality,
        registering_organisation=police,
        escalation_criteria=["acute_danger"],
        escalation_reason="Benchmark (fictief).",
    )
    started = time.monotonic()
    now = datetime.datetime.now(datetime.UTC)
    imposed = now - datetime.timedelta(days=11)
    persons = Person.objects.bulk_create(
        Person(case=case, first_name=f"B{i}", last_name="Bench", is_perpetrator=True)
        for i in range(count)
    )
    hvs = Huisverbod.objects.bulk_create(
        Huisverbod(
            case=case,
            person=p,
            imposed_at=imposed,
            imposed_by="assistant_prosecutor",
            ends_at=initial_end(imposed),
            recorded_by=coordinator,
        )
        for p in persons
    )
    kinds = [
        ReminderKind.HUISVERBOD_DAY7,
        ReminderKind.HUISVERBOD_DAY8,
        ReminderKind.HUISVERBOD_END_24H,
        ReminderKind.HUISVERBOD_END,
    ]
    Reminder.objects.bulk_create(
        Reminder(
            case=case,
            huisverbod=hv,
            kind=kind,
            about=hv.ends_at.isoformat(),
            due_at=now - datetime.timedelta(minutes=1),  # all due at once, none late
        )
        for hv in hvs
        for kind in kinds
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(f"fixtures: {count * 4} reminders in {time.monotonic() - started:.1f} s")
    return now


def measure(now) -> None:
    from django.utils import timezone

    from deadlines.models import ReminderDelivery
    from deadlines.services.scan import deadline_scan
    from notifications.models import Notification

    started = time.monotonic()
    counts = deadline_scan(now=timezone.now())
    scanned = time.monotonic() - started
    print(f"scan: {counts['deliveries']} deliveries enqueued in {scanned:.1f} s")
    total = counts["deliveries"]
    while True:
        done = ReminderDelivery.objects.filter(emailed_at__isnull=False).count()
        elapsed = time.monotonic() - started
        if done >= total or elapsed > 900:
            break
        time.sleep(2)
    print(f"delivered: {done}/{total} in {elapsed:.1f} s (scan start to last e-mail)")
    late = ReminderDelivery.objects.filter(late=True).count()
    print(f"notifications: {Notification.objects.count()}, marked late: {late}")
    print(f"throughput: {done / elapsed:.0f} deliveries/s with the workers above")


if __name__ == "__main__":
    main()
