# SPDX-License-Identifier: EUPL-1.2
"""SQLite only: drop the DELETE triggers of 0002.

Django empties SQLite tables with DELETE (PostgreSQL uses TRUNCATE, which row triggers do
not see), so the DELETE triggers made test flushes fail. On SQLite, deleting from an
adopted version stays refused by the model and queryset guards; UPDATE and INSERT stay
refused by the database itself. PostgreSQL keeps all its triggers.
"""

from django.db import migrations

TABLES = [
    "safetyplan_planversion",
    "safetyplan_riskitem",
    "safetyplan_safetycondition",
    "safetyplan_safetyagreement",
    "safetyplan_recoveryplan",
]
MESSAGE = "safetyplan: adopted plan version is frozen"


def forward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_frozen_delete;")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE TRIGGER safetyplan_planversion_frozen_delete BEFORE DELETE ON "
        "safetyplan_planversion WHEN OLD.status = 'adopted' "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
    )
    for table in TABLES[1:]:
        sql = (
            f"CREATE TRIGGER {table}_frozen_delete BEFORE DELETE ON {table} "  # noqa: S608
            "WHEN (SELECT status FROM safetyplan_planversion WHERE id = OLD.version_id) "
            f"= 'adopted' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;"
        )
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("safetyplan", "0002_freeze_adopted_versions")]

    operations = [migrations.RunPython(forward, backward)]
