# SPDX-License-Identifier: EUPL-1.2
"""The entries that name a person, found through an index instead of reading the whole log
(issue 14): the log manager's search by person and the subject's copy ("who saw my data?")
read every entry's person_ids with LIKE — 566 ms at 1,000,000 entries, per question.

PostgreSQL only: a GIN index on the person ids an entry names (person_ids, and the object
when the entry is about a person), partial so the entries that name nobody — a case list's,
a login's — cost it nothing. Built CONCURRENTLY: on a large log a plain CREATE INDEX would
hold every append (every page) until it is done. The expression is the one
audit.selectors.NAMED_PERSONS queries with; a test asks PostgreSQL whether it uses it.
Only digits are cast (person_ids is written by audit.services as "|12|15|"; an object id
that is not a number is left out), so no entry can fail to be written because of it.
"""

from django.db import migrations

EXPRESSION = (
    "(CASE WHEN person_ids ~ '^(\\|[0-9]{1,18})+\\|$'"
    " THEN string_to_array(btrim(person_ids, '|'), '|') ELSE '{}'::text[] END"
    " || CASE WHEN object_type = 'casework.Person' AND object_id ~ '^[0-9]{1,18}$'"
    " THEN ARRAY[object_id::text] ELSE '{}'::text[] END)::bigint[]"
)
PREDICATE = "person_ids <> '' OR object_type = 'casework.Person'"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX CONCURRENTLY IF NOT EXISTS audit_entry_persons ON audit_auditentry"
            f" USING gin (({EXPRESSION})) WHERE {PREDICATE}"
        )


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX CONCURRENTLY IF EXISTS audit_entry_persons")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("audit", "0005_hash_not_indexed")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
