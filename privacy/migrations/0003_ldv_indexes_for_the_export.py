# SPDX-License-Identifier: EUPL-1.2
# The Logboek Dataverwerkingen indexed for what the export asks, not for its random ids
# (docs/decisions.md §30).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0002_restriction"),
    ]

    operations = [
        migrations.AlterField(
            model_name="ldvrecord",
            name="activity_id",
            field=models.CharField(max_length=60),
        ),
        migrations.AlterField(
            model_name="ldvrecord",
            name="data_subject_id",
            field=models.CharField(max_length=40),
        ),
        migrations.AlterField(
            model_name="ldvrecord",
            name="span_id",
            field=models.CharField(max_length=16),
        ),
        migrations.AlterField(
            model_name="ldvrecord",
            name="trace_id",
            field=models.CharField(max_length=32),
        ),
        migrations.AddIndex(
            model_name="ldvrecord",
            index=models.Index(fields=["data_subject_id"], name="privacy_ldv_subject"),
        ),
        migrations.AddIndex(
            model_name="ldvrecord",
            index=models.Index(fields=["activity_id"], name="privacy_ldv_activity"),
        ),
    ]
