# SPDX-License-Identifier: EUPL-1.2
"""An active risk item needs a rank: the old check let rank NULL through (NULL >= 1 is not
false), and the unique rank ignores NULLs, so a fourth active item was accepted.

SQLite rebuilds the table to change a check constraint and loses its triggers with the old
table: the freezing triggers of safetyplan_riskitem (0002, minus DELETE per 0003) are
created again. PostgreSQL alters the constraint in place and keeps its triggers.
"""

from django.db import migrations, models

MESSAGE = "safetyplan: adopted plan version is frozen"
_ADOPTED = "(SELECT status FROM safetyplan_planversion WHERE id = {ref}.version_id) = 'adopted'"
SQLITE_TRIGGERS = [
    "DROP TRIGGER IF EXISTS safetyplan_riskitem_frozen_insert;",
    "DROP TRIGGER IF EXISTS safetyplan_riskitem_frozen_update;",
    f"""
    CREATE TRIGGER safetyplan_riskitem_frozen_insert BEFORE INSERT ON safetyplan_riskitem
    WHEN {_ADOPTED.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER safetyplan_riskitem_frozen_update BEFORE UPDATE ON safetyplan_riskitem
    WHEN {_ADOPTED.format(ref="OLD")} OR {_ADOPTED.format(ref="NEW")}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]


def restore_sqlite_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in SQLITE_TRIGGERS:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("safetyplan", "0003_sqlite_allow_flush")]

    operations = [
        migrations.RemoveConstraint(model_name="riskitem", name="safetyplan_riskitem_rank_1_to_3"),
        migrations.AddConstraint(
            model_name="riskitem",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("rank__gte", 1),
                        ("rank__isnull", False),
                        ("rank__lte", 3),
                        ("status", "active"),
                    ),
                    models.Q(("rank__isnull", True), ("status", "replaced")),
                    _connector="OR",
                ),
                name="safetyplan_riskitem_active_needs_rank",
            ),
        ),
        migrations.RunPython(restore_sqlite_triggers, restore_sqlite_triggers),
    ]
