# SPDX-License-Identifier: EUPL-1.2
"""Demo huisverboden, a toetsing without huisverbod and a pending escalation, built through
the services. Idempotent: each step checks whether its result already exists."""

import datetime

from django.utils import timezone

from accounts.models import Organisation, User
from casework.demo import demo_case
from casework.models import LegalBasis, SharingPurpose
from casework.services.cases import membership_add_organisation
from deadlines.models import Deadline
from deadlines.services.escalations import escalations_raise
from deadlines.services.sync import deadline_sync
from huisverbod.models import Huisverbod, Toetsing
from huisverbod.services import huisverbod_extend, huisverbod_impose, toetsing_record

MUNICIPALITY = "Gemeente Enschede (demo)"
SHELTER = "Vrouwenopvang Twente (demo)"


def _take_part(case, name: str, coordinator: User) -> None:
    if not case.memberships.active().organisations().filter(organisation__name=name).exists():
        membership_add_organisation(
            actor=coordinator,
            case=case,
            organisation=Organisation.objects.get(name=name),
            purpose=SharingPurpose.objects.filter(is_active=True).first(),
            legal_basis=LegalBasis.WGS,
            sharing_note="Uitvoering van het tijdelijk huisverbod (demo).",
        )


def load() -> None:
    now = timezone.now()
    coordinator = User.objects.get(username="regisseur")
    police = User.objects.get(username="politie")
    official = User.objects.get(username="gemeente")

    case = demo_case("demo-directe-veiligheid")
    if case is not None:
        _take_part(case, MUNICIPALITY, coordinator)
        mark = case.persons.get(first_name="Mark", last_name="Bakker-demo")
        if not Huisverbod.objects.filter(person=mark).exists():
            imposed_at = (timezone.localtime(now) - datetime.timedelta(days=4)).replace(
                hour=14, minute=0, second=0, microsecond=0
            )
            toetsing = toetsing_record(
                actor=police,
                case=case,
                assessed_at=imposed_at - datetime.timedelta(hours=2),
                participants="Hulpofficier van justitie (demo), Veilig Thuis (demo)",
                veilig_thuis_took_part=True,
                outcome="huisverbod",
                notes="RiHG: hoog risico (fictief).",
            )
            huisverbod_impose(
                actor=police,
                case=case,
                person=mark,
                imposed_at=imposed_at,
                imposed_by="assistant_prosecutor",
                child_abuse=True,
                veilig_thuis_consulted=True,
                contact_ban_persons=list(case.persons.exclude(pk=mark.pk)),
                reachable_address="Logeeradres 12, Enschede (fictief)",
                decision_written_on=imposed_at.date(),
                toetsing=toetsing,
            )
        # An overdue action of the shelter, past its grace period: an escalation for the
        # ZVH manager ("manager").
        anchor = case.toetsingen.order_by("pk").first()
        if (
            anchor is not None
            and not Deadline.objects.filter(
                source_type=anchor._meta.label_lower, source_id=anchor.pk
            ).exists()
        ):
            deadline_sync(
                case=case,
                kind="action",
                source=anchor,
                title="Veiligheidsafspraken opvanglocatie afstemmen (demo)",
                owner_organisation=Organisation.objects.get(name=SHELTER),
                due_date=timezone.localdate() - datetime.timedelta(days=10),
            )
        escalations_raise(now=now)

    mda = demo_case("demo-mda")
    if mda is not None:
        _take_part(mda, MUNICIPALITY, coordinator)
        if not Toetsing.objects.filter(case=mda, outcome="crisis_case").exists():
            toetsing_record(
                actor=User.objects.get(username="veiligthuis"),
                case=mda,
                assessed_at=now - datetime.timedelta(days=20),
                participants="Hulpofficier van justitie (demo), Veilig Thuis (demo)",
                veilig_thuis_took_part=True,
                outcome="crisis_case",
                notes="Geen huisverbod; Veilig Thuis pakt het op als crisiszaak (fictief).",
            )
        youssef = mda.persons.get(first_name="Youssef")
        if not Huisverbod.objects.filter(person=youssef).exists():
            imposed_at = (timezone.localtime(now) - datetime.timedelta(days=9)).replace(
                hour=10, minute=30, second=0, microsecond=0
            )
            huisverbod = huisverbod_impose(
                actor=coordinator,
                case=mda,
                person=youssef,
                imposed_at=imposed_at,
                imposed_by="mayor",
                contact_ban_persons=[mda.persons.get(first_name="Fatima")],
                reachable_address="Pension De Demo, Almelo (fictief)",
                decision_written_on=imposed_at.date(),
            )
            huisverbod_extend(
                actor=official,
                huisverbod=huisverbod,
                new_end=huisverbod.latest_possible_end,
                reason="Advies Veilig Thuis op dag 8: hulp is net gestart (fictief).",
                now=imposed_at + datetime.timedelta(days=8, hours=3),
            )
