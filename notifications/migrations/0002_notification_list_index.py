# SPDX-License-Identifier: EUPL-1.2
# The notification list (a recipient's newest first) read from an index (issue 14).

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_take_over_notification_table"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name="notification",
            index=models.Index(
                fields=["recipient", "-created_at", "-id"], name="casework_notification_list"
            ),
        ),
    ]
