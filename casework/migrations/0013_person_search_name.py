# SPDX-License-Identifier: EUPL-1.2
"""Search (issue 16): a folded name column on Person, filled for existing rows, and on
PostgreSQL the pg_trgm extension with trigram indexes so "contains" searches on the name
and the case reference use an index. SQLite gets the column and a plain LIKE."""

from django.db import migrations, models

from casework.text import fold


def fill_search_name(apps, schema_editor):
    Person = apps.get_model("casework", "Person")
    batch = []
    for person in Person.objects.only("pk", "first_name", "last_name").iterator(chunk_size=2000):
        person.search_name = fold(f"{person.first_name} {person.last_name}")
        batch.append(person)
        if len(batch) >= 2000:
            Person.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        Person.objects.bulk_update(batch, ["search_name"])


def trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS casework_person_search_trgm "
        "ON casework_person USING gin (search_name gin_trgm_ops)"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS casework_case_reference_trgm "
        "ON casework_case USING gin (UPPER(reference) gin_trgm_ops)"
    )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS casework_person_search_trgm")
    schema_editor.execute("DROP INDEX IF EXISTS casework_case_reference_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0012_sharing_purposes"),
    ]

    operations = [
        migrations.AddField(
            model_name="person",
            name="search_name",
            field=models.CharField(blank=True, editable=False, max_length=201),
        ),
        migrations.AddIndex(
            model_name="person",
            index=models.Index(fields=["date_of_birth"], name="casework_person_dob"),
        ),
        migrations.RunPython(fill_search_name, migrations.RunPython.noop),
        migrations.RunPython(trigram_indexes, drop_trigram_indexes),
    ]
