# SPDX-License-Identifier: EUPL-1.2
"""The production database role (deploy/postgres/app-role.sql) cannot wipe or bypass the
access log: TRUNCATE, disabling the trigger and session_replication_role are refused,
appending still works."""

from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction

from audit.models import Action, AuditEntry
from audit.services import audit_record
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.postgres]

SQL = Path(__file__).resolve().parents[2] / "deploy" / "postgres" / "app-role.sql"
ROLE = "casusregie_app_test"


@pytest.fixture
def as_app_role():
    user = UserFactory(coordinator=True)
    audit_record(actor=user, action=Action.VIEW)
    script = SQL.read_text().replace("casusregie_app", ROLE)
    with connection.cursor() as cursor:
        cursor.execute(script)
        cursor.execute(f"SET ROLE {ROLE}")
    yield user
    with connection.cursor() as cursor:
        cursor.execute("RESET ROLE")


@pytest.mark.parametrize(
    "statement",
    [
        "TRUNCATE audit_auditentry",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER USER",
        "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_auditentry_append_only",
        "DROP TRIGGER audit_auditentry_append_only ON audit_auditentry",
        "SET session_replication_role = replica",
        "DELETE FROM audit_auditentry",
        "UPDATE audit_auditentry SET purpose = 'x'",
    ],
)
def test_the_app_role_is_refused(as_app_role, statement):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AuditEntry.objects.exists()


def test_the_app_role_can_append_and_read(as_app_role):
    entry = audit_record(actor=as_app_role, action=Action.VIEW, path="/als-app/")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        assert cursor.fetchone() == (False,)
