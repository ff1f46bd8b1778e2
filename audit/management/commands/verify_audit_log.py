# SPDX-License-Identifier: EUPL-1.2
"""Check the hash chain of the access log. Exits 1 and names the first broken entry."""

from django.core.management.base import BaseCommand, CommandError

from audit.models import AuditEntry
from audit.services import audit_chain_breaks

REASONS = {
    "content": "its content does not match its hash (the entry was altered)",
    "link": (
        "it does not follow the entry before it (an entry was removed before it, "
        "or it was inserted out of order)"
    ),
}


class Command(BaseCommand):
    help = "Verifies the hash chain of the access log; exits non-zero when it is broken."

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor",
            help="A hash noted earlier (e.g. the head printed by a previous run) that must "
            "still be in the chain; detects removal of entries at the end.",
        )

    def handle(self, *args, anchor=None, **options):
        first = next(audit_chain_breaks(), None)
        if first is not None:
            raise CommandError(
                f"Access log chain broken at entry {first.entry_id}: {REASONS[first.reason]}."
            )
        if anchor and not AuditEntry.objects.filter(hash=anchor).exists():
            raise CommandError(
                f"Anchor {anchor} is no longer in the access log: entries were removed."
            )
        count = AuditEntry.objects.count()
        head = AuditEntry.objects.order_by("-pk").values_list("hash", flat=True).first()
        self.stdout.write(f"Access log intact: {count} entries, head {head or '-'}.")
