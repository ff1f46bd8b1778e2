# SPDX-License-Identifier: EUPL-1.2
"""Case factories build through the services, so permissions are granted as in real use."""

import datetime

import factory
from django.utils import timezone

from accounts.models import OrganisationKind
from casework.models import Case, LegalBasis, Municipality, Person, SharingPurpose, Track
from casework.services.cases import (
    case_register,
    incident_record,
    membership_add_organisation,
    person_create,
)
from tests.factories import OrganisationFactory, UserFactory


class CaseFactory(factory.django.DjangoModelFactory):
    """A registered case with a coordinator. Traits add what the start guard asks for."""

    class Meta:
        model = Case

    coordinator = factory.SubFactory(UserFactory, coordinator=True)
    track = Track.CODE_ROOD
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(name="Enschede"))
    registering_organisation = factory.SubFactory(OrganisationFactory, police=True)
    escalation_criteria = factory.LazyFunction(lambda: ["acute_danger", "weapons"])
    escalation_reason = "Acuut gevaar na herhaald geweld met een wapen (fictief)."

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return case_register(actor=kwargs["coordinator"], **kwargs)


def overdue_agreements(case, owner_organisation, numbers, *, days: int) -> list:
    """Open agreement deadlines `days` past their date, one per number ("Afspraak n"),
    written at once: many waiting escalations without a plan behind each."""
    from deadlines.models import Deadline

    due = timezone.localdate() - datetime.timedelta(days=days)
    return Deadline.objects.bulk_create(
        Deadline(
            case=case,
            kind="agreement",
            source_type="test.item",
            source_id=number,
            title=f"Afspraak {number}",
            owner_organisation=owner_organisation,
            due_date=due,
        )
        for number in numbers
    )


def sharing_basis() -> dict:
    """The purpose, legal basis and note every partner needs (WGS)."""
    purpose = SharingPurpose.objects.filter(is_active=True).first()
    return {
        "purpose": purpose,
        "legal_basis": LegalBasis.WGS,
        "sharing_note": "Neemt deel aan het plan van aanpak (fictief).",
    }


def add_partner(case, kind=OrganisationKind.VEILIG_THUIS, name=None):
    organisation = OrganisationFactory(kind=kind, **({"name": name} if name else {}))
    membership_add_organisation(
        actor=case.coordinator, case=case, organisation=organisation, **sharing_basis()
    )
    return organisation


def add_person(case, *, roles=("victim",), first_name="Sanne", last_name="de Vries", **fields):
    fields.setdefault("date_of_birth", datetime.date(1990, 5, 17))
    return person_create(
        actor=case.coordinator,
        case=case,
        roles=list(roles),
        first_name=first_name,
        last_name=last_name,
        **fields,
    )


def ready_to_start(case):
    """Coordinator, a victim and two partner organisations (police registered it)."""
    add_person(case)
    add_partner(case)
    return case


def add_incident(case, actor=None, *, when=None, description="Melding van bedreiging (fictief)."):
    return incident_record(
        actor=actor or case.coordinator,
        case=case,
        occurred_at=when or timezone.now() - datetime.timedelta(hours=1),
        description=description,
    )


def member_of(case, organisation, **traits):
    """A user of an organisation that takes part in the case."""
    return UserFactory(organisation=organisation, **traits)


__all__ = [
    "CaseFactory",
    "Person",
    "add_incident",
    "add_partner",
    "add_person",
    "member_of",
    "ready_to_start",
]
