# SPDX-License-Identifier: EUPL-1.2
"""Load the fake demo world of `make run`; safe to run again and again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

# Each feature adds its own examples; order matters (cases need users, plans need cases).
DEMO_LOADERS = [
    "accounts.demo",
    "casework.demo",
    "safetyplan.demo",
    "huisverbod.demo",
    "perpetrator.demo",
    "outcomes.demo",
    "conferences.demo",
    "privacy.demo",
    "api.demo",
    "documents.demo",
    "timeliness.demo",  # last: reads conferences and plans, then scans
]


class Command(BaseCommand):
    help = "Loads fake demo organisations, users and cases (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        for module in DEMO_LOADERS:
            import_module(module).load()
        self.stdout.write(self.style.SUCCESS("Demodata geladen."))
