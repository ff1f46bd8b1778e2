# SPDX-License-Identifier: EUPL-1.2
"""The one exception to the freeze of adopted versions: erasing their free text when the
case is anonymised (docs/privacy.md, "The safety plan's free text").

A row in ``safetyplan_texterasure`` for a version lets the freezing triggers pass an UPDATE
of that version and its rows, as long as the row stays in its version (and the version
keeps its status). INSERT and DELETE stay refused. Only the anonymisation's erasure service
writes such a row, and it deletes it again inside the same transaction, so no other
transaction ever sees one. SQLite gets its UPDATE triggers again (0002, 0004) with the same
exception; PostgreSQL gets its two trigger functions again.
"""

from django.db import migrations, models

MESSAGE = "safetyplan: adopted plan version is frozen"
CHILD_TABLES = [
    "safetyplan_riskitem",
    "safetyplan_safetycondition",
    "safetyplan_safetyagreement",
    "safetyplan_recoveryplan",
]
_ERASING = "EXISTS (SELECT 1 FROM safetyplan_texterasure WHERE version_id = {ref})"


def _postgres(with_exception: bool) -> list[str]:
    version_pass = (
        f"AND NOT (TG_OP = 'UPDATE' AND NEW.status = OLD.status AND {_ERASING.format(ref='OLD.id')})"
        if with_exception
        else ""
    )
    child_pass = (
        "IF TG_OP = 'UPDATE' AND NEW.version_id = OLD.version_id AND "
        f"{_ERASING.format(ref='OLD.version_id')} THEN RETURN NEW; END IF;"
        if with_exception
        else ""
    )
    return [
        f"""
        CREATE OR REPLACE FUNCTION safetyplan_version_frozen() RETURNS trigger AS $$
        BEGIN
            IF OLD.status = 'adopted' {version_pass} THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """,
        f"""
        CREATE OR REPLACE FUNCTION safetyplan_child_frozen() RETURNS trigger AS $$
        BEGIN
            {child_pass}
            IF TG_OP IN ('UPDATE', 'DELETE') AND EXISTS (
                SELECT 1 FROM safetyplan_planversion
                WHERE id = OLD.version_id AND status = 'adopted'
            ) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP IN ('UPDATE', 'INSERT') AND EXISTS (
                SELECT 1 FROM safetyplan_planversion
                WHERE id = NEW.version_id AND status = 'adopted'
            ) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'check_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END;
        $$ LANGUAGE plpgsql;
        """,  # noqa: S608 (constants only)
    ]


_ADOPTED = "(SELECT status FROM safetyplan_planversion WHERE id = {ref}.version_id) = 'adopted'"


def _sqlite(with_exception: bool) -> list[str]:
    version_pass = (
        f"AND NOT (NEW.status = OLD.status AND {_ERASING.format(ref='OLD.id')})"
        if with_exception
        else ""
    )
    child_pass = (
        f"AND NOT (NEW.version_id = OLD.version_id AND {_ERASING.format(ref='OLD.version_id')})"
        if with_exception
        else ""
    )
    statements = [
        "DROP TRIGGER IF EXISTS safetyplan_planversion_frozen_update;",
        f"""
        CREATE TRIGGER safetyplan_planversion_frozen_update
        BEFORE UPDATE ON safetyplan_planversion WHEN OLD.status = 'adopted' {version_pass}
        BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
        """,
    ]
    for table in CHILD_TABLES:
        statements += [
            f"DROP TRIGGER IF EXISTS {table}_frozen_update;",
            f"""
            CREATE TRIGGER {table}_frozen_update BEFORE UPDATE ON {table}
            WHEN ({_ADOPTED.format(ref="OLD")} OR {_ADOPTED.format(ref="NEW")}) {child_pass}
            BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END;
            """,
        ]
    return statements


def _run(with_exception: bool):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        if vendor == "postgresql":
            statements = _postgres(with_exception)
        elif vendor == "sqlite":
            statements = _sqlite(with_exception)
        else:
            statements = []
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("safetyplan", "0006_change_history")]

    operations = [
        migrations.CreateModel(
            name="TextErasure",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "version",
                    models.OneToOneField(
                        on_delete=models.deletion.CASCADE,
                        related_name="+",
                        to="safetyplan.planversion",
                    ),
                ),
            ],
            options={
                "verbose_name": "wissen van vrije tekst",
                "verbose_name_plural": "wissen van vrije tekst",
            },
        ),
        migrations.RunPython(_run(True), _run(False)),
    ]
