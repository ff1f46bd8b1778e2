# SPDX-License-Identifier: EUPL-1.2
"""Adopted versions never change: triggers refuse UPDATE, DELETE and INSERT below the ORM.

PostgreSQL (production) and SQLite (the embedded default) each get their own triggers, so
even raw SQL cannot alter an adopted version. TRUNCATE (test database flushes) is not a
row operation and stays possible.
"""

from django.db import migrations

CHILD_TABLES = [
    "safetyplan_riskitem",
    "safetyplan_safetycondition",
    "safetyplan_safetyagreement",
    "safetyplan_recoveryplan",
]
MESSAGE = "safetyplan: adopted plan version is frozen"

POSTGRES_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION safetyplan_version_frozen() RETURNS trigger AS $$
    BEGIN
        IF OLD.status = 'adopted' THEN
            RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER safetyplan_planversion_frozen
        BEFORE UPDATE OR DELETE ON safetyplan_planversion
        FOR EACH ROW EXECUTE FUNCTION safetyplan_version_frozen();
    """,
    """
    CREATE OR REPLACE FUNCTION safetyplan_child_frozen() RETURNS trigger AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
            SELECT 1 FROM safetyplan_planversion
            WHERE id = OLD.version_id AND status = 'adopted'
        ) THEN
            RAISE EXCEPTION 'safetyplan: adopted plan version is frozen' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') AND EXISTS (
            SELECT 1 FROM safetyplan_planversion
            WHERE id = NEW.version_id AND status = 'adopted'
        ) THEN
            RAISE EXCEPTION 'safetyplan: adopted plan version is frozen' USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    """,
] + [
    f"""
    CREATE TRIGGER {table}_frozen
        BEFORE INSERT OR UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION safetyplan_child_frozen();
    """
    for table in CHILD_TABLES
]

POSTGRES_REVERSE = [
    f"DROP TRIGGER IF EXISTS {table}_frozen ON {table};" for table in CHILD_TABLES
] + [
    "DROP TRIGGER IF EXISTS safetyplan_planversion_frozen ON safetyplan_planversion;",
    "DROP FUNCTION IF EXISTS safetyplan_child_frozen();",
    "DROP FUNCTION IF EXISTS safetyplan_version_frozen();",
]

_ADOPTED = "(SELECT status FROM safetyplan_planversion WHERE id = {ref}.version_id) = 'adopted'"

SQLITE_FORWARD = [
    f"""
    CREATE TRIGGER safetyplan_planversion_frozen_update
    BEFORE UPDATE ON safetyplan_planversion WHEN OLD.status = 'adopted'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
    f"""
    CREATE TRIGGER safetyplan_planversion_frozen_delete
    BEFORE DELETE ON safetyplan_planversion WHEN OLD.status = 'adopted'
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
    """,
]
for _table in CHILD_TABLES:
    SQLITE_FORWARD += [
        f"""
        CREATE TRIGGER {_table}_frozen_insert BEFORE INSERT ON {_table}
        WHEN {_ADOPTED.format(ref="NEW")}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
        """,
        f"""
        CREATE TRIGGER {_table}_frozen_update BEFORE UPDATE ON {_table}
        WHEN {_ADOPTED.format(ref="OLD")} OR {_ADOPTED.format(ref="NEW")}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
        """,
        f"""
        CREATE TRIGGER {_table}_frozen_delete BEFORE DELETE ON {_table}
        WHEN {_ADOPTED.format(ref="OLD")}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
        """,
    ]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS safetyplan_planversion_frozen_update;",
    "DROP TRIGGER IF EXISTS safetyplan_planversion_frozen_delete;",
] + [
    f"DROP TRIGGER IF EXISTS {table}_frozen_{op};"
    for table in CHILD_TABLES
    for op in ("insert", "update", "delete")
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        statements = statements_by_vendor.get(schema_editor.connection.vendor, [])
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("safetyplan", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES_FORWARD, "sqlite": SQLITE_FORWARD}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        )
    ]
