# SPDX-License-Identifier: EUPL-1.2
# The content types (and so the permissions the role groups hold) of the moved models follow
# them to their new apps; a deadline whose source was a toetsing names its new app.

from django.db import migrations

MOVED = {
    "deadline": "deadlines",
    "reminder": "deadlines",
    "reminderdelivery": "deadlines",
    "escalation": "deadlines",
    "toetsing": "huisverbod",
    "huisverbod": "huisverbod",
    "notification": "notifications",
}


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("deadlines", "Deadline")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label=app_label, model=model).exists():
            ContentType.objects.filter(app_label="casework", model=model).update(
                app_label=app_label
            )
    Deadline.objects.filter(source_type="casework.toetsing").update(
        source_type="huisverbod.toetsing"
    )


def backwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Deadline = apps.get_model("deadlines", "Deadline")
    for model, app_label in MOVED.items():
        if not ContentType.objects.filter(app_label="casework", model=model).exists():
            ContentType.objects.filter(app_label=app_label, model=model).update(
                app_label="casework"
            )
    Deadline.objects.filter(source_type="huisverbod.toetsing").update(
        source_type="casework.toetsing"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("deadlines", "0002_reminder_huisverbod"),
        ("huisverbod", "0001_take_over_huisverbod_tables"),
        ("notifications", "0001_take_over_notification_table"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
