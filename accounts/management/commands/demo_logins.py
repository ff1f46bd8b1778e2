# SPDX-License-Identifier: EUPL-1.2
from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.demo import DEMO_USERS


class Command(BaseCommand):
    help = "Prints the demo logins of `make run`."

    def handle(self, *args, **options):
        self.stdout.write(f"Demo-logins (wachtwoord: {settings.CASUSREGIE_DEMO_PASSWORD}):")
        for username, _first, _last, organisation, role in DEMO_USERS:
            self.stdout.write(f"  {username:<15} {role.label} — {organisation}")
