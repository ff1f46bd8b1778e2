# SPDX-License-Identifier: EUPL-1.2
"""Create one Django group per role; their permissions are synced after every migrate."""

from django.db import migrations

ROLES = [
    "coordinator",
    "partner",
    "manager",
    "municipality_official",
    "functional_admin",
    "log_manager",
]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=f"role:{role}")


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[f"role:{role}" for role in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
