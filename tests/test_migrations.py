# SPDX-License-Identifier: EUPL-1.2
"""The move of the deadline engine, the huisverbod and the notifications into apps of their
own (issue 11) keeps every table and every row.

The database is filled with the demo data, taken back to the schema of main before the move
(casework 0005, without the new apps), and migrated forward again: every table keeps its
rows, the moved models read them, and the role groups keep their permissions.
"""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.roles import group_name
from deadlines.models import Deadline, Escalation, Reminder
from huisverbod.models import Huisverbod, Toetsing
from notifications.models import Notification

BEFORE_THE_MOVE = [
    ("deadlines", None),
    ("huisverbod", None),
    ("notifications", None),
    ("casework", "0005_huisverbod_reminders_escalations"),
]
MOVED_TABLES = {
    Deadline: "casework_deadline",
    Escalation: "casework_escalation",
    Reminder: "casework_reminder",
    Huisverbod: "casework_huisverbod",
    Toetsing: "casework_toetsing",
    Notification: "casework_notification",
}


def _row_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table == "django_migrations":  # the record of the migrations themselves
                continue
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
    return counts


def _migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_move_keeps_every_row():
    call_command("load_demo_data")
    filled = _row_counts()
    assert all(filled[table] > 0 for table in MOVED_TABLES.values()), filled

    _migrate(BEFORE_THE_MOVE)
    before = _row_counts()
    # Tables created by migrations after the move go back with them (and return empty);
    # every table of the schema before the move keeps every row.
    assert before == {table: filled[table] for table in before}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_content_type WHERE app_label = 'casework' "
            "AND model IN ('deadline', 'huisverbod', 'notification')"
        )
        assert cursor.fetchone()[0] == 3  # as main had them before the move

    leaves = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(leaves)
    after = _row_counts()
    assert {table: after[table] for table in before} == before
    for model, table in MOVED_TABLES.items():
        assert model._meta.db_table == table
        assert model.objects.count() == filled[table]
    manager = Group.objects.get(name=group_name("manager"))
    assert manager.permissions.filter(
        content_type__app_label="deadlines", codename="change_escalation"
    ).exists()
