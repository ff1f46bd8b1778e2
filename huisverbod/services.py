# SPDX-License-Identifier: EUPL-1.2
"""Toetsing and tijdelijk huisverbod: record, impose, extend, withdraw, end."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Person
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

ADULT_AGE = 18


def _local(moment: datetime) -> str:
    return timezone.localtime(moment).strftime("%d-%m-%Y %H:%M")


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
    errors = {}
    if imposed_at > now:
        errors["imposed_at"] = _("Het tijdstip van opleggen ligt in de toekomst.")
    if person.case_id != case.pk:
        errors["person"] = _("Deze persoon hoort niet bij deze casus.")
    elif (
        person.is_child
        or _age_on(person.date_of_birth, imposed_at.astimezone(AMSTERDAM).date()) < ADULT_AGE
    ):
        errors["person"] = _(
            "Een huisverbod kan niet worden opgelegd aan een kind: de persoon moet 18 jaar "
            "of ouder zijn."
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
    )
    try:
        with transaction.atomic():
            huisverbod.save()
    except IntegrityError:
        raise ValidationError({"person": _("Voor deze persoon loopt al een huisverbod.")}) from None
    huisverbod.contact_ban_persons.set(banned)
    huisverbod_plan_reminders(huisverbod=huisverbod, extended=False, now=now)
    audit_record(
        actor=actor, action=Action.CREATE, case=case, obj=huisverbod, persons=[person, *banned]
    )
    return huisverbod


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
