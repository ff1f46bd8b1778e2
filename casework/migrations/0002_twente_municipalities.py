# SPDX-License-Identifier: EUPL-1.2
from django.db import migrations

TWENTE = [
    "Almelo",
    "Borne",
    "Dinkelland",
    "Enschede",
    "Haaksbergen",
    "Hellendoorn",
    "Hengelo",
    "Hof van Twente",
    "Losser",
    "Oldenzaal",
    "Rijssen-Holten",
    "Tubbergen",
    "Twenterand",
    "Wierden",
]


def create(apps, schema_editor):
    Municipality = apps.get_model("casework", "Municipality")
    for name in TWENTE:
        Municipality.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("casework", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
