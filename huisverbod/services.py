# SPDX-License-Identifier: EUPL-1.2
"""Toetsing and tijdelijk huisverbod: record, impose, extend, withdraw, end."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, OrganisationKind, Role, User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Person
from casework.services.cases import membership_bring_in
from config.formats import local_datetime
from config.localtime import local_time_missing, missing_time_message
from deadlines.clock import AMSTERDAM
from deadlines.models import CancelReason
from huisverbod.models import (
    Huisverbod,
    HuisverbodStatus,
    Toetsing,
    ToetsingOutcome,
    initial_end,
    latest_end,
)
from huisverbod.permissions import (
    can_extend_huisverbod,
    can_impose_huisverbod,
    can_record_toetsing,
    can_withdraw_huisverbod,
)
from huisverbod.reminders import huisverbod_cancel_reminders, huisverbod_plan_reminders
from huisverbod.selectors import huisverboden_expired
from notifications.services import notifications_create

ADULT_AGE = 18


def _missing_time_error(moment: datetime) -> str | None:
    return missing_time_message(moment) if local_time_missing(moment) else None


def _local(moment: datetime) -> str:
    return local_datetime(moment)


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@transaction.atomic
def toetsing_record(
    *,
    actor: User,
    case: Case,
    assessed_at: datetime,
    participants: str,
    veilig_thuis_took_part: bool,
    outcome: str,
    notes: str = "",
    now: datetime | None = None,
) -> Toetsing:
    now = now or timezone.now()
    if not can_record_toetsing(actor, case):
        raise PermissionDenied
    missing = _missing_time_error(assessed_at)
    if missing:
        raise ValidationError({"assessed_at": missing})
    errors = {}
    if assessed_at > now:
        errors["assessed_at"] = _("Het tijdstip van de toetsing ligt in de toekomst.")
    if not participants.strip():
        errors["participants"] = _("Noem wie aan de toetsing deelnamen.")
    if outcome not in ToetsingOutcome.values:
        errors["outcome"] = _("Kies de uitkomst van de toetsing.")
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten."))
    if errors:
        raise ValidationError(errors)
    toetsing = Toetsing.objects.create(
        case=case,
        assessed_at=assessed_at,
        participants=participants.strip(),
        veilig_thuis_took_part=veilig_thuis_took_part,
        outcome=outcome,
        notes=notes.strip(),
        recorded_by=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=toetsing)
    return toetsing


@transaction.atomic
def huisverbod_impose(
    *,
    actor: User,
    case: Case,
    person: Person,
    imposed_at: datetime,
    imposed_by: str,
    child_abuse: bool = False,
    veilig_thuis_consulted: bool = False,
    contact_ban_persons: list[Person] | tuple = (),
    reachable_address: str = "",
    decision_written_on: date | None = None,
    toetsing: Toetsing | None = None,
    adult_confirmed: bool = False,
    now: datetime | None = None,
) -> Huisverbod:
    now = now or timezone.now()
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_impose_huisverbod(actor, case):
        raise PermissionDenied(
            _("Alleen de politie of de procesregisseur legt het opleggen van een huisverbod vast.")
        )
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten."))
    missing = _missing_time_error(imposed_at)
    if missing:
        raise ValidationError({"imposed_at": missing})
    errors = {}
    if imposed_at > now:
        errors["imposed_at"] = _("Het tijdstip van opleggen ligt in de toekomst.")
    if person.case_id != case.pk:
        errors["person"] = _("Deze persoon hoort niet bij deze casus.")
    elif person.date_of_birth is None and not adult_confirmed:
        errors["adult_confirmed"] = _(
            "De geboortedatum van deze persoon is niet bekend. Bevestig dat de persoon op "
            "het moment van opleggen 18 jaar of ouder is."
        )
    elif (
        person.date_of_birth is not None
        and _age_on(person.date_of_birth, imposed_at.astimezone(AMSTERDAM).date()) < ADULT_AGE
    ):
        # Wtvh art. 2 turns on being of age on the day of imposition (local time), not on
        # the role: a son of 27 recorded as "kind" may be the subject of an order.
        errors["person"] = _(
            "Een huisverbod kan niet worden opgelegd aan een minderjarige: de persoon moet op "
            "de dag van opleggen 18 jaar of ouder zijn."
        )
    elif not person.is_perpetrator:
        errors["person"] = _(
            "Een huisverbod kan alleen worden opgelegd aan een pleger in deze casus."
        )
    elif Huisverbod.objects.filter(
        person=person, status__in=[HuisverbodStatus.IMPOSED, HuisverbodStatus.EXTENDED]
    ).exists():
        errors["person"] = _("Voor deze persoon loopt al een huisverbod.")
    if child_abuse and not veilig_thuis_consulted:
        errors["veilig_thuis_consulted"] = _(
            "Bij kindermishandeling moet Veilig Thuis zijn geraadpleegd voordat het huisverbod "
            "wordt opgelegd."
        )
    banned = list(contact_ban_persons)
    if any(p.case_id != case.pk or p.pk == person.pk for p in banned):
        errors["contact_ban_persons"] = _(
            "Het contactverbod kan alleen gelden voor andere betrokkenen van deze casus."
        )
    if decision_written_on and decision_written_on < imposed_at.astimezone(AMSTERDAM).date():
        errors["decision_written_on"] = _(
            "De schriftelijke beschikking kan niet van vóór het opleggen zijn."
        )
    if toetsing is not None and (
        toetsing.case_id != case.pk
        or toetsing.outcome != ToetsingOutcome.HUISVERBOD
        or Huisverbod.objects.filter(toetsing=toetsing).exists()
    ):
        errors["toetsing"] = _(
            "Kies een toetsing van deze casus met als uitkomst huisverbod, waarbij nog geen "
            "huisverbod is vastgelegd."
        )
    if errors:
        raise ValidationError(errors)
    huisverbod = Huisverbod(
        case=case,
        toetsing=toetsing,
        person=person,
        imposed_at=imposed_at,
        imposed_by=imposed_by,
        child_abuse=child_abuse,
        veilig_thuis_consulted=veilig_thuis_consulted,
        reachable_address=reachable_address.strip(),
        decision_written_on=decision_written_on,
        ends_at=initial_end(imposed_at),
        recorded_by=actor,
        adulthood_confirmed=person.date_of_birth is None and adult_confirmed,
    )
    try:
        with transaction.atomic():
            huisverbod.save()
    except IntegrityError:
        raise ValidationError({"person": _("Voor deze persoon loopt al een huisverbod.")}) from None
    huisverbod.contact_ban_persons.set(banned)
    huisverbod_plan_reminders(huisverbod=huisverbod, extended=False, now=now)
    _bring_in_municipality(actor=actor, huisverbod=huisverbod)
    audit_record(
        actor=actor, action=Action.CREATE, case=case, obj=huisverbod, persons=[person, *banned]
    )
    return huisverbod


def municipality_organisation_for(case: Case) -> Organisation | None:
    """The municipality organisation of the case's municipality: an active organisation of
    the kind municipality whose name names it ("Gemeente Enschede")."""
    candidates = Organisation.objects.filter(
        kind=OrganisationKind.MUNICIPALITY,
        is_active=True,
        name__icontains=case.municipality.name,
    ).order_by("pk")
    return candidates.first()


def _bring_in_municipality(*, actor: User, huisverbod: Huisverbod) -> None:
    """Only the burgemeester may extend within the ten days: the municipality takes part
    from the moment the order is recorded, and its officials are told, with a link (the
    notification opens the case page, where the order is)."""
    case = huisverbod.case
    organisation = municipality_organisation_for(case)
    if organisation is None:
        return
    membership_bring_in(
        actor=actor,
        case=case,
        organisation=organisation,
        reason=_("Huisverbod vastgelegd: de burgemeester beslist over verlenging."),
    )
    officials = list(
        User.objects.filter(
            organisation=organisation, role=Role.MUNICIPALITY_OFFICIAL, is_active=True
        ).values_list("pk", flat=True)
    )
    message = _(
        "In casus %(ref)s is een huisverbod vastgelegd (eindigt %(end)s). Uw gemeente neemt "
        "nu deel; de burgemeester beslist over verlenging."
    ) % {"ref": case.reference, "end": _local(huisverbod.ends_at)}
    # In the order's own transaction: the order and the word to the officials stand or
    # fall together.
    notifications_create(
        recipient_ids=officials,
        kind="huisverbod",
        message=message,
        event_key=f"huisverbod-imposed:{huisverbod.pk}",
        case_id=case.pk,
    )


def _locked(huisverbod: Huisverbod) -> Huisverbod:
    return Huisverbod.objects.select_for_update().select_related("case").get(pk=huisverbod.pk)


@transaction.atomic
def huisverbod_extend(
    *,
    actor: User,
    huisverbod: Huisverbod,
    new_end: datetime,
    reason: str,
    now: datetime | None = None,
) -> Huisverbod:
    now = now or timezone.now()
    huisverbod = _locked(huisverbod)
    if not can_extend_huisverbod(actor, huisverbod.case):
        raise PermissionDenied(
            _(
                "Alleen een gemeenteambtenaar (namens de burgemeester) kan een huisverbod "
                "verlengen; dit kan niet worden gemandateerd aan de politie."
            )
        )
    if huisverbod.status == HuisverbodStatus.EXTENDED:
        raise ValidationError(_("Dit huisverbod is al verlengd."))
    if huisverbod.status != HuisverbodStatus.IMPOSED:
        raise ValidationError(_("Dit huisverbod loopt niet meer."))
    if now >= huisverbod.ends_at:
        raise ValidationError(
            _(
                "De verlenging moet worden vastgelegd vóór het einde van het huisverbod "
                "(%(end)s); dat moment is voorbij."
            )
            % {"end": _local(huisverbod.ends_at)}
        )
    missing = _missing_time_error(new_end)
    if missing:
        raise ValidationError({"new_end": missing})
    errors = {}
    latest = latest_end(huisverbod.imposed_at)
    if new_end <= huisverbod.ends_at:
        errors["new_end"] = _(
            "De nieuwe einddatum moet na de huidige einddatum (%(end)s) liggen."
        ) % {"end": _local(huisverbod.ends_at)}
    elif new_end > latest:
        errors["new_end"] = _(
            "Verlengen kan tot uiterlijk 28 dagen na het opleggen: %(latest)s."
        ) % {"latest": _local(latest)}
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de verlenging.")
    if errors:
        raise ValidationError(errors)
    huisverbod.extend()
    huisverbod.ends_at = new_end
    huisverbod.extended_at = now
    huisverbod.extended_by = actor
    huisverbod.extension_reason = reason.strip()
    huisverbod.save()
    huisverbod_plan_reminders(huisverbod=huisverbod, extended=True, now=now)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        case=huisverbod.case,
        obj=huisverbod,
        persons=[huisverbod.person_id],
    )
    return huisverbod


@transaction.atomic
def huisverbod_withdraw(
    *, actor: User, huisverbod: Huisverbod, reason: str, now: datetime | None = None
) -> Huisverbod:
    now = now or timezone.now()
    huisverbod = _locked(huisverbod)
    if not can_withdraw_huisverbod(actor, huisverbod.case):
        raise PermissionDenied(
            _("Alleen een gemeenteambtenaar (namens de burgemeester) kan een huisverbod intrekken.")
        )
    if not huisverbod.is_running:
        raise ValidationError(_("Dit huisverbod loopt niet meer."))
    if now >= huisverbod.ends_at:
        raise ValidationError(
            _(
                "Het huisverbod is op %(end)s geëindigd; een intrekking kan alleen vóór dat "
                "moment worden vastgelegd."
            )
            % {"end": _local(huisverbod.ends_at)}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de intrekking.")})
    huisverbod.withdraw()
    huisverbod.closed_at = now
    huisverbod.closed_by = actor
    huisverbod.withdrawal_reason = reason.strip()
    huisverbod.save()
    huisverbod_cancel_reminders(huisverbod=huisverbod, after=now)
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        case=huisverbod.case,
        obj=huisverbod,
        persons=[huisverbod.person_id],
    )
    return huisverbod


@transaction.atomic
def huisverboden_expire(*, now: datetime) -> int:
    """End every running huisverbod whose end has passed (called by the scan, after the
    reminders of that end were dispatched)."""
    ended = 0
    for huisverbod in huisverboden_expired(now=now).select_for_update(skip_locked=True):
        huisverbod.end()
        huisverbod.closed_at = huisverbod.ends_at
        huisverbod.save()
        huisverbod_cancel_reminders(
            huisverbod=huisverbod, after=huisverbod.ends_at, reason=CancelReason.ENDED
        )
        audit_record(
            actor=None,
            username="casusregie",
            action=Action.UPDATE,
            case=huisverbod.case,
            obj=huisverbod,
        )
        ended += 1
    return ended
