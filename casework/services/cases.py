# SPDX-License-Identifier: EUPL-1.2
"""Registering a case and keeping its persons, partners and incidents."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.roles import CASEWORK_ROLES
from audit.models import Action
from audit.services import audit_record
from casework import restrictions
from casework.models import (
    Case,
    CaseMembership,
    CaseNumberSequence,
    Confidentiality,
    Incident,
    LegalBasis,
    Municipality,
    Person,
    PersonLink,
    SharingPurpose,
    Track,
)
from casework.models.persons import ROLE_FIELDS
from casework.permissions import can_manage_case, can_record_incident, can_register_case
from casework.services import access
from casework.text import fold


def _next_reference(*, year: int) -> tuple[int, str]:
    """Hand out the next number of the year under a row lock: no gaps, no duplicates."""
    CaseNumberSequence.objects.get_or_create(year=year)
    sequence = CaseNumberSequence.objects.select_for_update().get(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number, f"ZVH-{year}-{sequence.last_number:04d}"


@transaction.atomic
def case_register(
    *,
    actor: User,
    track: str,
    municipality: Municipality,
    registering_organisation: Organisation,
    escalation_criteria: list[str],
    escalation_reason: str,
    coordinator: User,
) -> Case:
    if not can_register_case(actor):
        raise PermissionDenied
    if coordinator.role != Role.COORDINATOR or not coordinator.is_active:
        raise ValidationError({"coordinator": _("Kies een actieve procesregisseur.")})
    if (
        coordinator.organisation is None
        or coordinator.organisation.kind != OrganisationKind.ZVH
        or coordinator.organisation_id != actor.organisation_id
    ):
        raise ValidationError(
            {"coordinator": _("Kies een procesregisseur van uw eigen Zorg- en Veiligheidshuis.")}
        )
    if track == Track.CODE_ROOD and not escalation_criteria:
        raise ValidationError(
            {"escalation_criteria": _("Kies ten minste één criterium voor Code Rood.")}
        )
    if not escalation_reason.strip():
        raise ValidationError(
            {"escalation_reason": _("Beschrijf kort waarom de casus wordt aangemeld.")}
        )
    year = timezone.localdate().year
    number, reference = _next_reference(year=year)
    case = Case(
        track=track,
        reference=reference,
        year=year,
        number=number,
        municipality=municipality,
        registering_organisation=registering_organisation,
        escalation_criteria=sorted(escalation_criteria),
        escalation_reason=escalation_reason.strip(),
        coordinator=coordinator,
        coordinating_organisation=coordinator.organisation,
        registered_by=actor,
    )
    case._history_user = actor  # the change history's "who" (django-simple-history)
    case.save()
    # The coordinating ZVH always takes part; so does the registering organisation.
    # Their basis is recorded too: the coordinating ZVH and the registering partner share
    # under the WGS for the case's coordination; the purpose is the case itself.
    for organisation in {coordinator.organisation, registering_organisation}:
        _add_organisation(
            case=case,
            organisation=organisation,
            actor=actor,
            legal_basis=LegalBasis.WGS,
            sharing_note=(
                _("Regievoerend Zorg- en Veiligheidshuis")
                if organisation == coordinator.organisation
                else _("Aanmeldende organisatie")
            ),
        )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=case)
    return case


def _add_organisation(
    *,
    case: Case,
    organisation: Organisation,
    actor: User,
    purpose: SharingPurpose | None = None,
    legal_basis: str,
    sharing_note: str,
) -> CaseMembership:
    membership = CaseMembership.objects.create(
        case=case,
        organisation=organisation,
        added_by=actor,
        purpose=purpose,
        legal_basis=legal_basis,
        sharing_note=sharing_note,
    )
    access.grant_organisation(case=case, organisation=organisation)
    return membership


def _locked(case: Case) -> Case:
    return Case.objects.select_for_update().get(pk=case.pk)


@transaction.atomic
def membership_add_organisation(
    *,
    actor: User,
    case: Case,
    organisation: Organisation,
    purpose: SharingPurpose | None,
    legal_basis: str,
    sharing_note: str,
) -> CaseMembership:
    """Add a partner organisation, recording why it shares (WGS): a purpose from the
    administrator's list, a legal basis and a free-text explanation. No partner without."""
    case = _locked(case)
    if not can_manage_case(actor, case):
        raise PermissionDenied
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten."))
    _check_sharing_basis(purpose=purpose, legal_basis=legal_basis, sharing_note=sharing_note)
    restrictions.refuse_sharing(case)
    if case.memberships.active().organisations().filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("Deze organisatie neemt al deel aan de casus.")})
    membership = _add_organisation(
        case=case,
        organisation=organisation,
        actor=actor,
        purpose=purpose,
        legal_basis=legal_basis,
        sharing_note=sharing_note.strip(),
    )
    audit_record(
        actor=actor,
        action=Action.CREATE,
        case=case,
        obj=membership,
        purpose=f"{purpose.name} ({LegalBasis(legal_basis).label})",
    )
    return membership


def _check_sharing_basis(*, purpose, legal_basis: str, sharing_note: str) -> None:
    """No partner without a purpose, a legal basis and an explanation (WGS)."""
    errors = {}
    if purpose is None or not purpose.is_active:
        errors["purpose"] = _("Kies het doel waarvoor deze organisatie gegevens deelt.")
    if legal_basis not in LegalBasis.values:
        errors["legal_basis"] = _("Kies de grondslag waarop deze organisatie gegevens deelt.")
    if not (sharing_note or "").strip():
        errors["sharing_note"] = _(
            "Licht toe waarom deze organisatie aan de casus deelneemt en wat zij deelt."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def membership_add_organisations(
    *,
    actor: User,
    case: Case,
    organisations: list[Organisation],
    purpose: SharingPurpose | None,
    legal_basis: str,
    sharing_note: str,
) -> list[CaseMembership]:
    """Several partners in one step, sharing on the same recorded basis: all of them, or
    (on any refusal) none."""
    errors = {}
    if not organisations:
        errors["organisations"] = _("Kies ten minste één partnerorganisatie.")
    try:
        _check_sharing_basis(purpose=purpose, legal_basis=legal_basis, sharing_note=sharing_note)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    memberships = []
    for organisation in organisations:
        try:
            memberships.append(
                membership_add_organisation(
                    actor=actor,
                    case=case,
                    organisation=organisation,
                    purpose=purpose,
                    legal_basis=legal_basis,
                    sharing_note=sharing_note,
                )
            )
        except ValidationError as error:
            raise ValidationError(
                {"organisations": [f"{organisation}: {message}" for message in error.messages]}
            ) from error
    return memberships


def membership_bring_in(
    *,
    actor: User,
    case: Case,
    organisation: Organisation,
    reason: str,
    legal_basis: str = LegalBasis.LEGAL_OBLIGATION,
) -> CaseMembership | None:
    """An organisation a rule makes take part (a recorded huisverbod brings in the
    municipality), with the reason in the timeline. Called only by services that checked
    the actor's own permission for the act that carries the rule. None: already taking part.
    The rule is the basis of the sharing (WGS): its legal basis is recorded, the reason is
    the explanation; no purpose from the list is chosen, since nobody chose to add it."""
    case = _locked(case)
    if case.memberships.active().organisations().filter(organisation=organisation).exists():
        return None
    membership = CaseMembership.objects.create(
        case=case,
        organisation=organisation,
        added_by=actor,
        reason=reason[:300],
        legal_basis=legal_basis,
        sharing_note=reason,
    )
    access.grant_organisation(case=case, organisation=organisation)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=membership)
    return membership


@transaction.atomic
def membership_add_professional(*, actor: User, case: Case, user: User) -> CaseMembership:
    case = _locked(case)
    if not can_manage_case(actor, case):
        raise PermissionDenied
    if user.role not in CASEWORK_ROLES:
        raise ValidationError({"user": _("Deze persoon werkt niet aan casussen.")})
    if (
        not case.memberships.active()
        .organisations()
        .filter(organisation_id=user.organisation_id)
        .exists()
    ):
        raise ValidationError(
            {"user": _("De organisatie van deze professional neemt niet deel aan de casus.")}
        )
    if case.memberships.active().filter(user=user).exists():
        raise ValidationError({"user": _("Deze professional is al aan de casus toegevoegd.")})
    membership = CaseMembership.objects.create(
        case=case, organisation_id=user.organisation_id, user=user, added_by=actor
    )
    access.grant_professional(case=case, user=user)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=membership)
    return membership


@transaction.atomic
def membership_remove(*, actor: User, case: Case, membership: CaseMembership) -> None:
    """Removal revokes access at once; the organisation's named professionals go with it."""
    case = _locked(case)
    if not can_manage_case(actor, case):
        raise PermissionDenied
    if membership.case_id != case.pk or membership.removed_at is not None:
        raise ValidationError(_("Deze deelname bestaat niet (meer)."))
    if (
        membership.user_id is None
        and membership.organisation_id == case.coordinating_organisation_id
    ):
        raise ValidationError(_("De regievoerende ZVH kan niet uit de casus worden verwijderd."))
    now = timezone.now()
    if membership.user_id is None:
        leaving = case.memberships.active().filter(organisation=membership.organisation)
        for professional in leaving.exclude(user__isnull=True).select_related("user"):
            access.revoke_professional(case=case, user=professional.user)
        leaving.update(removed_at=now, removed_by=actor)
        access.revoke_organisation(case=case, organisation=membership.organisation)
    else:
        CaseMembership.objects.filter(pk=membership.pk).update(removed_at=now, removed_by=actor)
        access.revoke_professional(case=case, user=membership.user)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=membership)


def _apply_person_fields(person: Person, *, roles: list[str], fields: dict) -> None:
    if not roles:
        raise ValidationError({"roles": _("Kies ten minste één rol.")})
    dob = fields.get("date_of_birth")
    if isinstance(dob, date) and dob > timezone.localdate():
        raise ValidationError({"date_of_birth": _("De geboortedatum ligt in de toekomst.")})
    for name, value in fields.items():
        setattr(person, name, value.strip() if isinstance(value, str) else value)
    for role, flag in ROLE_FIELDS.items():
        setattr(person, flag, role in roles)
    person.search_name = fold(f"{person.first_name} {person.last_name}")


def _is_duplicate(person: Person) -> bool:
    """Probably the same person: the same name and the same date of birth, both known."""
    if person.date_of_birth is None:
        return False
    return (
        Person.objects.filter(case_id=person.case_id, date_of_birth=person.date_of_birth)
        .annotate(first=Lower("first_name"), last=Lower("last_name"))
        .filter(first=person.first_name.lower(), last=person.last_name.lower())
        .exclude(pk=person.pk)
        .exists()
    )


def _refuse_duplicate(person: Person) -> None:
    if _is_duplicate(person):
        raise ValidationError(
            _("Deze persoon (zelfde naam en geboortedatum) staat al bij deze casus.")
        )


@transaction.atomic
def person_create(*, actor: User, case: Case, roles: list[str], **fields) -> Person:
    if not can_manage_case(actor, case):
        raise PermissionDenied
    person = Person(case=case)
    person._history_user = actor
    _apply_person_fields(person, roles=roles, fields=fields)
    _refuse_duplicate(person)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if not _is_duplicate(person):  # another database error: never called a duplicate
            raise ValidationError(
                _(
                    "De persoon kon door een fout in de database niet worden opgeslagen. "
                    "Probeer het opnieuw; blijft het misgaan, meld het dan bij de beheerder."
                )
            ) from None
        raise ValidationError(
            _("Deze persoon (zelfde naam en geboortedatum) staat al bij deze casus.")
        ) from None
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=person, persons=[person])
    return person


@transaction.atomic
def person_update(*, actor: User, case: Case, person: Person, roles: list[str], **fields) -> Person:
    if not can_manage_case(actor, case) or person.case_id != case.pk:
        raise PermissionDenied
    restrictions.refuse_change(person)
    _apply_person_fields(person, roles=roles, fields=fields)
    _refuse_duplicate(person)
    person._history_user = actor
    person.save()
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=person, persons=[person])
    return person


@transaction.atomic
def incident_record(
    *,
    actor: User,
    case: Case,
    occurred_at: datetime,
    description: str,
    confidentiality: str = Confidentiality.TEAM,
    sector: str = "",
) -> Incident:
    """Record an incident. Sector-restricted information is restricted to the recording
    organisation's own sector: one cannot hide what one records from oneself, nor pick a
    sector the organisation is not in."""
    if not can_record_incident(actor, case):
        raise PermissionDenied
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Kies wie dit incident mag lezen.")})
    own_sector = actor.organisation.sector if actor.organisation else ""
    if confidentiality == Confidentiality.SECTOR:
        if sector and sector != own_sector:
            raise ValidationError(
                {"confidentiality": _("U kunt een incident alleen tot uw eigen sector beperken.")}
            )
        sector = own_sector
    else:
        sector = ""
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; heropen hem eerst."))
    if occurred_at > timezone.now():
        raise ValidationError({"occurred_at": _("Het incident kan niet in de toekomst liggen.")})
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er is gebeurd.")})
    incident = Incident(
        case=case,
        occurred_at=occurred_at,
        description=description.strip(),
        reported_by_organisation=actor.organisation,
        recorded_by=actor,
        confidentiality=confidentiality,
        sector=sector,
    )
    incident._history_user = actor
    incident.save()
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=incident)
    return incident


@transaction.atomic
def person_link_known(*, actor: User, person: Person, known: list[Person]) -> int:
    """Record that `person` is the same as each of `known` (persons of other cases with
    the same name and date of birth, found by casework.known.known_elsewhere)."""
    if not can_manage_case(actor, person.case):
        raise PermissionDenied
    made = 0
    for other in known:
        if other.case_id == person.case_id or other.date_of_birth != person.date_of_birth:
            raise ValidationError(_("Deze persoon komt niet overeen."))
        if other.search_name != person.search_name:
            raise ValidationError(_("Deze persoon komt niet overeen."))
        _link, created = PersonLink.objects.get_or_create(
            person=person, known_person=other, defaults={"confirmed_by": actor}
        )
        made += created
    if made:
        audit_record(
            actor=actor, action=Action.CREATE, case=person.case, obj=person, persons=[person]
        )
    return made
