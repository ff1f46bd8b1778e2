# SPDX-License-Identifier: EUPL-1.2
"""python manage.py generate_region --cases 100000 --seed 1"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from bench.region import generate_region


class Command(BaseCommand):
    help = "Vul een lege, gemigreerde database met een deterministische nepregio (benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--users", type=int, default=2000)
        parser.add_argument(
            "--anchor", type=date.fromisoformat, default=None,
            help="the region's 'today' (YYYY-MM-DD); default: today",
        )  # fmt: skip

    def handle(self, *args, cases, seed, users, anchor, **options):
        try:
            summary = generate_region(
                cases=cases, seed=seed, users=users, anchor=anchor, log=self.stdout.write
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        for table, n in sorted(summary.counts.items()):
            self.stdout.write(f"{table:55} {n:>10,}")
        self.stdout.write(f"{cases:,} casussen in {summary.seconds:.0f} s")
        for username, password in summary.users.items():
            self.stdout.write(f"gebruiker {username} (wachtwoord {password})")
