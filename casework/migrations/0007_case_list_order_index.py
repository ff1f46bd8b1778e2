# SPDX-License-Identifier: EUPL-1.2
# The case list's order (newest first) read from an index (issue 14).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0006_move_engine_models_to_their_apps"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["-registered_at", "-id"], name="casework_case_registered"),
        ),
    ]
