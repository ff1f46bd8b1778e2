# SPDX-License-Identifier: EUPL-1.2
"""The hash chain: verify_audit_log finds altered, removed and out-of-order entries."""

import io
from contextlib import contextmanager

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from audit.management.commands.verify_audit_log import Command
from audit.models import Action, AuditEntry
from audit.services import GENESIS, audit_record
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@contextmanager
def tampering():
    """What an attacker with direct database access does: on PostgreSQL that means
    switching the append-only trigger off first."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER USER")
    try:
        yield
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER USER")


@pytest.fixture
def entries():
    user = UserFactory(coordinator=True)
    with tampering():
        AuditEntry.objects.all().delete()  # start from an empty chain
    return [
        audit_record(actor=user, action=Action.VIEW, persons=[i], path=f"/cases/{i}/")
        for i in range(1, 6)
    ]


def _verify() -> str:
    call_command("verify_audit_log", stdout=(out := io.StringIO()))
    return out.getvalue()


def test_each_entry_stores_the_hash_of_the_one_before(entries):
    assert entries[0].previous_hash == GENESIS
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.previous_hash == before.hash
    assert "Access log intact: 5 entries" in _verify()


def test_an_altered_entry_is_named(entries):
    with tampering():
        AuditEntry.objects.filter(pk=entries[2].pk).update(username="iemand-anders")
    with pytest.raises(CommandError, match=f"broken at entry {entries[2].pk}: its content"):
        _verify()


def test_an_altered_entry_with_a_recomputed_hash_breaks_the_next_link(entries):
    with tampering():
        forged = AuditEntry.objects.get(pk=entries[1].pk)
        forged.person_ids = "|99|"
        AuditEntry.objects.filter(pk=forged.pk).update(
            person_ids=forged.person_ids, hash=forged.compute_hash()
        )
    with pytest.raises(CommandError, match=f"broken at entry {entries[2].pk}: it does not follow"):
        _verify()


def test_a_removed_entry_is_found(entries):
    with tampering():
        AuditEntry.objects.filter(pk=entries[2].pk).delete()
    with pytest.raises(CommandError, match=f"broken at entry {entries[3].pk}"):
        _verify()


def test_an_entry_inserted_out_of_order_is_found(entries):
    """A forged entry that claims to follow entry 2 but is stored after entry 5."""
    forged = AuditEntry(
        at=entries[1].at,
        user_id=entries[0].user_id,
        username="vervalst",
        action=Action.VIEW,
        previous_hash=entries[1].hash,
    )
    forged.hash = forged.compute_hash()
    forged.save(force_insert=True)
    with pytest.raises(CommandError, match=f"broken at entry {forged.pk}: it does not follow"):
        _verify()


def test_removal_at_the_end_is_found_with_an_anchor(entries):
    head = entries[-1].hash
    call_command("verify_audit_log", anchor=head, stdout=io.StringIO())
    with tampering():
        AuditEntry.objects.filter(pk=entries[-1].pk).delete()
    with pytest.raises(CommandError, match="entries were removed"):
        call_command("verify_audit_log", anchor=head)


def test_the_command_exits_non_zero_when_broken(entries):
    with tampering():
        AuditEntry.objects.filter(pk=entries[0].pk).update(action=Action.UPDATE)
    with pytest.raises(SystemExit) as exit_info:
        Command().run_from_argv(["manage.py", "verify_audit_log"])
    assert exit_info.value.code == 1


@pytest.mark.postgres
def test_postgresql_refuses_update_and_delete_on_the_log(entries):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entries[0].pk).update(username="x")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entries[0].pk).delete()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("UPDATE audit_auditentry SET purpose = 'x'")
    assert AuditEntry.objects.get(pk=entries[0].pk).username == entries[0].username
    assert AuditEntry.objects.count() == 5


def test_several_entries_at_once_are_stored_as_built_in_order_and_chained():
    """One append of a list page and a refusal without a user: every field is stored as
    the entry was built (also the empty ones), the ids follow the entries' order and the
    chain verifies — on PostgreSQL that is the written INSERT of audit.services."""
    from audit.services import audit_record_cases
    from tests.factories.cases import CaseFactory

    cases = [CaseFactory() for _n in range(3)]
    reader = cases[0].coordinator
    written = audit_record_cases(actor=reader, action=Action.VIEW, cases=cases, path="/cases/")
    refused = audit_record(actor=None, action=Action.DENIED, case_id=cases[1].pk, username="x")
    assert [e.pk for e in written] == sorted(e.pk for e in written)
    assert refused.pk > written[-1].pk
    stored = {e.pk: e for e in AuditEntry.objects.filter(pk__in=[e.pk for e in written])}
    for built, case in zip(written, cases, strict=True):
        row = stored[built.pk]
        assert (row.case_id, row.case_reference, row.user_id) == (
            case.pk,
            case.reference,
            reader.pk,
        )
        assert row.hash == built.hash == row.compute_hash()
        assert row.at == built.at and row.sharing_id == built.sharing_id
    assert stored[written[1].pk].previous_hash == written[0].hash
    row = AuditEntry.objects.get(pk=refused.pk)
    assert row.user_id is None and row.sharing_id is None and row.result == "refused"
    assert row.previous_hash == written[-1].hash == AuditEntry.objects.get(pk=written[-1].pk).hash
    assert "Access log intact" in _verify()


def test_one_append_of_entries_that_differ_in_every_column_stores_each_as_built():
    """The written INSERT sends a column once when every entry has the same value in it:
    entries that differ where a list's entries agree (reader, action, purpose, page, the
    sharing basis, None beside a value) are each stored as they were built."""
    from audit.services import _append
    from tests.factories.cases import CaseFactory

    first, second = CaseFactory(), CaseFactory()
    built = [
        AuditEntry(user_id=first.coordinator.pk, username=first.coordinator.username,
                   role="coordinator", action=Action.VIEW, case_id=first.pk,
                   case_reference=first.reference, path="/cases/", person_ids="|1|2|"),
        AuditEntry(user_id=None, username="onbekend", action=Action.DENIED, case_id=second.pk,
                   purpose="Ayşe Kılıç — «niet gevonden»", path="/cases/x/", result="refused"),
    ]  # fmt: skip
    built[0].sharing_id = first.memberships.first().pk
    written = _append(built)
    for entry in written:
        row = AuditEntry.objects.get(pk=entry.pk)
        for field in AuditEntry._meta.concrete_fields:
            assert getattr(row, field.attname) == getattr(entry, field.attname), field.name
        assert row.hash == row.compute_hash()
    assert "Access log intact" in _verify()


@pytest.mark.postgres
def test_a_list_sends_what_its_entries_share_once():
    """A list page's 25 entries share the moment, the reader and the page: PostgreSQL gets
    those once and an array only for what differs per case (issue 14: the driver's adapting
    of 20 arrays of 25 values cost more than the INSERT)."""
    from django.test.utils import CaptureQueriesContext

    from audit.services import audit_record_cases
    from tests.factories.cases import CaseFactory

    cases = [CaseFactory() for _n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        audit_record_cases(actor=cases[0].coordinator, action=Action.VIEW, cases=cases)
    (insert,) = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "audit_auditentry"')]
    unnested = insert.split("UNNEST(", 1)[1].split(") AS u(", 1)[1].split(")", 1)[0]
    arrays = set(unnested.replace('"', "").split(", "))
    # What differs per case travels as an array ...
    assert {"case_id", "case_reference", "object_id", "previous_hash", "hash"} <= arrays
    # ... what the page's entries share, once.
    shared = {"at", "user_id", "username", "organisation", "role", "action", "path", "scheme"}
    assert not shared & arrays
