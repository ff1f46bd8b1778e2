# SPDX-License-Identifier: EUPL-1.2
"""The default list of purposes of sharing (WGS/BGS); the functional administrator keeps it."""

from django.db import migrations

PURPOSES = [
    (
        "Gezamenlijke aanpak huiselijk geweld (Code Rood / MDA++)",
        "Het in samenhang aanpakken van huiselijk geweld in een huishouden (BGS).",
    ),
    (
        "Opstellen en uitvoeren van het veiligheidsplan",
        "Risico's, veiligheidsvoorwaarden en afspraken met de partners.",
    ),
    (
        "Toetsing en uitvoering tijdelijk huisverbod",
        "Wet tijdelijk huisverbod: toetsing, beschikking, hulpaanbod.",
    ),
    ("Casusoverleg", "Afstemming van interventies in het casusoverleg van het ZVH."),
]


def create(apps, schema_editor):
    SharingPurpose = apps.get_model("casework", "SharingPurpose")
    for name, description in PURPOSES:
        SharingPurpose.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("casework", "0011_sharing_basis_and_history")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
