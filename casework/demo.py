# SPDX-License-Identifier: EUPL-1.2
"""Fake demo cases for `make run`, built through the services. Idempotent: each demo case
is recognised by its tag in the reason of registration and created only once."""

import datetime

from django.utils import timezone

from accounts.models import Organisation, User
from casework.models import Case, LegalBasis, Municipality, SharingPurpose
from casework.services.cases import (
    case_register,
    incident_record,
    membership_add_organisation,
    membership_add_professional,
    person_create,
)
from casework.services.coordination import coordination_transfer_request
from casework.services.phases import case_transition, closure_decide, closure_request

POLICE = "Politie Oost-Nederland (demo)"
VEILIG_THUIS = "Veilig Thuis Twente (demo)"
SHELTER = "Vrouwenopvang Twente (demo)"
PROBATION = "Reclassering Twente (demo)"
SOCIAL_TEAM = "Wijkteam Enschede (demo)"


def demo_case(tag: str) -> Case | None:
    return Case.objects.filter(escalation_reason__endswith=f"[{tag}]").first()


def _org(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _register(tag, *, track, municipality, registering, criteria, reason, partners, persons):
    coordinator = User.objects.get(username="regisseur")
    case = case_register(
        actor=coordinator,
        track=track,
        municipality=Municipality.objects.get(name=municipality),
        registering_organisation=_org(registering),
        escalation_criteria=criteria,
        escalation_reason=f"{reason} [{tag}]",
        coordinator=coordinator,
    )
    for name in partners:
        if not case.memberships.active().filter(organisation__name=name).exists():
            membership_add_organisation(
                actor=coordinator,
                case=case,
                organisation=_org(name),
                purpose=SharingPurpose.objects.filter(is_active=True).first(),
                legal_basis=LegalBasis.WGS,
                sharing_note="Neemt deel aan het gezamenlijke plan van aanpak (demo).",
            )
    for roles, first, last, born, extra in persons:
        person_create(
            actor=coordinator,
            case=case,
            roles=roles,
            first_name=first,
            last_name=last,
            date_of_birth=born,
            **extra,
        )
    return case


def load() -> None:
    coordinator = User.objects.get(username="regisseur")
    manager = User.objects.get(username="manager")
    d = datetime.date

    if demo_case("demo-aangemeld") is None:
        _register(
            "demo-aangemeld",
            track="code_rood",
            municipality="Oldenzaal",
            registering=VEILIG_THUIS,
            criteria=["intimate_terror", "repeated_incidents"],
            reason="Stalking en dreigementen door ex-partner na scheiding.",
            partners=[],
            persons=[(["victim"], "Lotte", "Jansen-demo", d(1993, 2, 11), {})],
        )

    if demo_case("demo-directe-veiligheid") is None:
        case = _register(
            "demo-directe-veiligheid",
            track="code_rood",
            municipality="Enschede",
            registering=POLICE,
            criteria=["acute_danger", "weapons", "recent_escalation"],
            reason="Mishandeling met mes; kinderen getuige; partner in de opvang.",
            partners=[VEILIG_THUIS, SHELTER, PROBATION],
            persons=[
                (
                    ["victim"],
                    "Sanne",
                    "de Vries-demo",
                    d(1990, 5, 17),
                    {"phone": "06-00000001", "confidential_address": "Opvanglocatie 1, Geheim"},
                ),
                (
                    ["perpetrator"],
                    "Mark",
                    "Bakker-demo",
                    d(1987, 9, 3),
                    {"address": "Demoweg 1, Enschede"},
                ),
                (["child"], "Noah", "Bakker-demo", d(2016, 1, 23), {}),
            ],
        )
        membership_add_professional(
            actor=coordinator, case=case, user=User.objects.get(username="politie")
        )
        membership_add_professional(
            actor=coordinator, case=case, user=User.objects.get(username="opvang")
        )
        case_transition(
            case=case, name="start", actor=coordinator, reason="Besproken aan de Code Rood-tafel."
        )
        incident_record(
            actor=User.objects.get(username="politie"),
            case=case,
            occurred_at=timezone.now() - datetime.timedelta(days=2),
            description="Melding van bedreiging via berichten (fictief).",
        )

    if demo_case("demo-mda") is None:
        case = _register(
            "demo-mda",
            track="mda",
            municipality="Almelo",
            registering=SOCIAL_TEAM,
            criteria=[],
            reason="Langdurige onveiligheid in het gezin, herhaalde zorgen van school.",
            partners=[VEILIG_THUIS],
            persons=[
                (["victim", "perpetrator"], "Fatima", "El Amrani-demo", d(1985, 7, 30), {}),
                (["victim", "perpetrator"], "Youssef", "El Amrani-demo", d(1983, 3, 14), {}),
                (["child"], "Sara", "El Amrani-demo", d(2012, 11, 2), {}),
            ],
        )
        case_transition(case=case, name="start", actor=coordinator, reason="MDA++-overleg gestart.")

    if demo_case("demo-afsluiten") is None:
        case = _register(
            "demo-afsluiten",
            track="code_rood",
            municipality="Hengelo",
            registering=POLICE,
            criteria=["threat_to_life"],
            reason="Doodsbedreiging; pleger inmiddels gedetineerd.",
            partners=[VEILIG_THUIS, PROBATION],
            persons=[(["victim"], "Eva", "Smit-demo", d(1979, 4, 8), {})],
        )
        case_transition(case=case, name="start", actor=coordinator, reason="Code Rood-tafel.")
        closure_request(
            actor=coordinator,
            case=case,
            reason="regular_care",
            summary="Veiligheid geborgd; overdracht aan het wijkteam.",
        )

    if demo_case("demo-afgesloten") is None:
        case = _register(
            "demo-afgesloten",
            track="mda",
            municipality="Borne",
            registering=VEILIG_THUIS,
            criteria=[],
            reason="Structurele onveiligheid; doelen bereikt.",
            partners=[SOCIAL_TEAM, POLICE],
            persons=[(["victim"], "Ingrid", "Mulder-demo", d(1970, 12, 1), {})],
        )
        case_transition(case=case, name="start", actor=coordinator, reason="MDA++-overleg.")
        closure_request(
            actor=coordinator, case=case, reason="goals_reached", summary="Doelen bereikt."
        )
        closure_decide(actor=manager, case=case, approve=True, reason="Akkoord, doelen bereikt.")

    # A handover of coordination waits for the other ZVH's coordinator (issue 13): the
    # MDA++ family moves to a shelter in IJsselland. Log in as regisseur-ijsselland.
    moving = demo_case("demo-mda")
    newcomer = User.objects.get(username="regisseur-ijsselland")
    if moving is not None and not moving.coordination_transfers.exists():
        coordination_transfer_request(
            actor=coordinator,
            case=moving,
            to_coordinator=newcomer,
            reason="Het gezin verhuist naar een opvang in Zwolle (fictief).",
        )
