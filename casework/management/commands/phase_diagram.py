# SPDX-License-Identifier: EUPL-1.2
from django.core.management.base import BaseCommand

from casework.diagram import mermaid


class Command(BaseCommand):
    help = "Prints the phase and track machines as Mermaid (docs/phase-diagram.md)."

    def handle(self, *args, **options):
        self.stdout.write(mermaid(), ending="")
