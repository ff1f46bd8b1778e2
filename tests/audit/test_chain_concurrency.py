# SPDX-License-Identifier: EUPL-1.2
"""Two appends at once on PostgreSQL: the second waits for the chain's lock and chains
after the first (audit/migrations/0008: the lock and the head in one call)."""

import threading
import time

import pytest
from django.db import connection, transaction

from audit.models import Action, AuditEntry
from audit.services import _CHAIN_LOCK, GENESIS, audit_record
from tests.factories import UserFactory


def _waiting_for_the_chain() -> bool:
    """Whether an append waits for the chain's lock (a one-number advisory key is kept as
    classid 0, objid the key, objsubid 1)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
            " AND classid = 0 AND objid = %s AND objsubid = 1",
            [_CHAIN_LOCK],
        )
        return cursor.fetchone()[0] > 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_an_append_that_waited_for_the_lock_chains_after_the_one_that_held_it():
    """The waiting append's read of the head begins after the holder has committed, in the
    same call that was granted the lock: a read with the snapshot of before the lock (one
    statement doing both) would give both entries the same previous hash."""
    user = UserFactory(coordinator=True)
    audit_record(actor=user, action=Action.VIEW, path="/voor/")
    held, release, found, errors = threading.Event(), threading.Event(), {}, []

    def holder():
        try:
            with transaction.atomic():
                found["held"] = audit_record(actor=user, action=Action.VIEW, path="/eerst/")
                held.set()
                release.wait(20)
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    def waiter():
        try:
            held.wait(20)
            found["waited"] = audit_record(actor=user, action=Action.VIEW, path="/daarna/")
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=holder), threading.Thread(target=waiter)]
    for thread in threads:
        thread.start()
    try:
        deadline = time.monotonic() + 20
        while not _waiting_for_the_chain():
            assert time.monotonic() < deadline, "the second append never waited for the lock"
            time.sleep(0.01)
    finally:
        release.set()
        for thread in threads:
            thread.join(30)
    assert not errors, errors
    first, second = found["held"], found["waited"]
    assert second.previous_hash == first.hash
    assert second.pk > first.pk
    chain = list(AuditEntry.objects.order_by("pk").values_list("previous_hash", "hash"))
    assert chain[0][0] == GENESIS
    assert all(later[0] == earlier[1] for earlier, later in zip(chain, chain[1:], strict=False))
