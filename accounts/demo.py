# SPDX-License-Identifier: EUPL-1.2
"""Fake organisations and one user per role for `make run`. Idempotent."""

from django.conf import settings

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.services import user_admin_save, user_sync_groups

DEMO_ORGANISATIONS = [
    ("ZVH Twente (demo)", OrganisationKind.ZVH),
    ("Politie Oost-Nederland (demo)", OrganisationKind.POLICE),
    ("OM Oost-Nederland (demo)", OrganisationKind.PROSECUTOR),
    ("Reclassering Twente (demo)", OrganisationKind.PROBATION),
    ("Veilig Thuis Twente (demo)", OrganisationKind.VEILIG_THUIS),
    ("Raad voor de Kinderbescherming (demo)", OrganisationKind.CHILD_PROTECTION_BOARD),
    ("Jeugdbescherming Overijssel (demo)", OrganisationKind.YOUTH_PROTECTION),
    ("GGZ Twente (demo)", OrganisationKind.MENTAL_HEALTH),
    ("Verslavingszorg Twente (demo)", OrganisationKind.ADDICTION_CARE),
    ("Wijkteam Enschede (demo)", OrganisationKind.SOCIAL_TEAM),
    ("Vrouwenopvang Twente (demo)", OrganisationKind.SHELTER),
    ("Gemeente Enschede (demo)", OrganisationKind.MUNICIPALITY),
    # A ZVH of another region: a family that moves there is handed over (coordination).
    ("ZVH IJsselland (demo)", OrganisationKind.ZVH),
]

# username, first name, last name, organisation, role
DEMO_USERS = [
    ("regisseur", "Ria", "Regisseur", "ZVH Twente (demo)", Role.COORDINATOR),
    ("regisseur2", "Rob", "Tweede", "ZVH Twente (demo)", Role.COORDINATOR),
    ("manager", "Mila", "Manager", "ZVH Twente (demo)", Role.MANAGER),
    ("politie", "Piet", "Agent", "Politie Oost-Nederland (demo)", Role.PARTNER),
    ("politiemanager", "Paula", "Teamchef", "Politie Oost-Nederland (demo)", Role.MANAGER),
    ("veiligthuis", "Vera", "Thuis", "Veilig Thuis Twente (demo)", Role.PARTNER),
    ("reclassering", "Ruud", "Toezicht", "Reclassering Twente (demo)", Role.PARTNER),
    ("opvang", "Olga", "Opvang", "Vrouwenopvang Twente (demo)", Role.PARTNER),
    ("wijkteam", "Wim", "Wijk", "Wijkteam Enschede (demo)", Role.PARTNER),
    ("gemeente", "Gert", "Gemeente", "Gemeente Enschede (demo)", Role.MUNICIPALITY_OFFICIAL),
    ("beheerder", "Bea", "Beheer", "ZVH Twente (demo)", Role.FUNCTIONAL_ADMIN),
    # The second pair of eyes for grants of access (four-eyes, docs/security.md).
    ("beheerder2", "Bram", "Beheer", "ZVH Twente (demo)", Role.FUNCTIONAL_ADMIN),
    ("logbeheerder", "Lars", "Logboek", "ZVH Twente (demo)", Role.LOG_MANAGER),
    ("regisseur-ijsselland", "Ayşe", "Kılıç", "ZVH IJsselland (demo)", Role.COORDINATOR),
]


def load() -> None:
    organisations = {}
    for name, kind in DEMO_ORGANISATIONS:
        organisations[name], _ = Organisation.objects.update_or_create(
            name=name, defaults={"kind": kind}
        )
    for username, first, last, organisation, role in DEMO_USERS:
        user, created = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.casusregie.invalid",
                "organisation": organisations[organisation],
                "role": role,
                "is_active": True,
            },
        )
        if created or not user.has_usable_password():
            user.set_password(settings.CASUSREGIE_DEMO_PASSWORD)
            user.save(update_fields=["password"])
        user_sync_groups(user=user)
    _pending_grant(organisations)


def _pending_grant(organisations) -> None:
    """A new coordinator account that Bea asked for and Bram has yet to approve."""
    if User.objects.filter(username="aanvraag").exists():
        return
    user_admin_save(
        actor=User.objects.get(username="beheerder"),
        user=User(
            username="aanvraag",
            first_name="Anne",
            last_name="Aanvraag",
            organisation=organisations["ZVH Twente (demo)"],
            role=Role.COORDINATOR,
        ),
        created=True,
    )
