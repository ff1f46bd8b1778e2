# SPDX-License-Identifier: EUPL-1.2
"""The chain's lock and its head in one statement on PostgreSQL (issue 14).

An append took the advisory lock in one statement and read the last hash in a second, so
that the read's snapshot is taken after the lock was granted: a statement that did both
would read the head as it was when the statement began, before a concurrent append that
held the lock had committed, and two entries would name the same previous hash. This
function keeps the two steps apart inside PostgreSQL: a VOLATILE PL/pgSQL function takes a
fresh snapshot for each statement it runs (READ COMMITTED), so the SELECT sees every append
committed before the lock was granted. One round trip instead of two on every page that
writes the log. The key is audit.services._CHAIN_LOCK.
"""

from django.db import migrations

FORWARD = """
CREATE OR REPLACE FUNCTION audit_chain_head() RETURNS varchar AS $$
DECLARE
    head varchar;
BEGIN
    PERFORM pg_advisory_xact_lock(7513);
    SELECT "hash" INTO head FROM "audit_auditentry" ORDER BY "id" DESC LIMIT 1;
    RETURN head;
END;
$$ LANGUAGE plpgsql VOLATILE;
"""

BACKWARD = "DROP FUNCTION IF EXISTS audit_chain_head();"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARD, params=None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0007_entries_by_username")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
