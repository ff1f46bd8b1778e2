# SPDX-License-Identifier: EUPL-1.2
"""The log manager's search by username through an index (issue 14): it compared every
entry's name in capitals — 1.3 s at 1,000,000 entries for a name that is not there, 220 ms
to count a user's entries. On PostgreSQL built CONCURRENTLY (a plain CREATE INDEX would
hold every page's append while it builds on a large log); the model's state has the index.
"""

from django.db import migrations, models
from django.db.models.functions import Upper

INDEX = models.Index(Upper("username"), name="audit_entry_username")


def forward(apps, schema_editor):
    model = apps.get_model("audit", "AuditEntry")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(model, INDEX, concurrently=True)
        # Statistics of the new expression: without them PostgreSQL guesses how many entries
        # carry a name and walks the log by time instead (548 ms for an unknown name).
        schema_editor.execute("ANALYZE audit_auditentry")
    else:
        schema_editor.add_index(model, INDEX)


def backward(apps, schema_editor):
    model = apps.get_model("audit", "AuditEntry")
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(model, INDEX, concurrently=True)
    else:
        schema_editor.remove_index(model, INDEX)


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY runs outside a transaction

    dependencies = [("audit", "0006_entries_by_person")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="auditentry", index=INDEX)],
            database_operations=[migrations.RunPython(forward, backward, elidable=False)],
        )
    ]
