# SPDX-License-Identifier: EUPL-1.2
"""The only writers of the perpetrator's track. Keyword-only, atomic, take the actor and
check permission themselves; every write lands in the access log."""

from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Confidentiality, Person
from casework.models.cases import Phase
from casework.permissions import can_manage_case
from casework.services.cases import incident_record
from casework.services.phases import case_transition
from config.formats import local_date
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.services.sync import deadline_sync
from perpetrator.models import Breach, Condition, Custody
from perpetrator.permissions import can_record_track
from perpetrator.reminders import track_cancel_reminders, track_plan_reminders

RELAPSE_FROM = (Phase.STABLE_SAFETY, Phase.RECOVERY)
TRACK_KINDS = (DeadlineKind.RELEASE, DeadlineKind.CONDITION_END)


def _check(actor: User, case: Case) -> None:
    if not can_record_track(actor, case):
        raise PermissionDenied
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; heropen hem eerst."))


def _level(actor: User, confidentiality: str) -> tuple[str, str]:
    """The level and, for a sector level, the actor's own sector (as incident_record)."""
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Kies wie dit mag lezen.")})
    if confidentiality == Confidentiality.SECTOR:
        return confidentiality, actor.organisation.sector if actor.organisation else ""
    return confidentiality, ""


def _perpetrator(case: Case, person: Person | None) -> Person:
    if person is None or person.case_id != case.pk or not person.is_perpetrator:
        raise ValidationError({"person": _("Kies een persoon met de rol pleger in deze casus.")})
    return person


def _sync_date(*, item, kind: str, due: date | None, title: str, now: datetime) -> None:
    """Keep the item's date in the deadline engine. An item at organisation level is owned
    by the recording organisation (the coordinator may not read it); the others by the
    case's coordinator. A date already past is recorded as done, without reminders."""
    if due is None:
        deadline = Deadline.objects.filter(
            source_type=item._meta.label_lower, source_id=item.pk
        ).first()
        if deadline is not None:
            track_cancel_reminders(deadline=deadline)
            Deadline.objects.filter(pk=deadline.pk).update(
                status=DeadlineStatus.CANCELLED, updated_at=now
            )
        return
    case = item.case
    if item.confidentiality == Confidentiality.ORGANISATION or not case.coordinator_id:
        owner_organisation, owner_user = item.reported_by_organisation, item.recorded_by
    else:
        owner_organisation, owner_user = case.coordinator.organisation, case.coordinator
    ahead = due >= now.astimezone(AMSTERDAM).date()
    deadline = deadline_sync(
        case=case,
        kind=kind,
        source=item,
        title=title,
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due,
        status=DeadlineStatus.OPEN if ahead else DeadlineStatus.DONE,
    )
    if ahead:
        track_plan_reminders(deadline=deadline, now=now)
    else:
        track_cancel_reminders(deadline=deadline)


@transaction.atomic
def condition_record(
    *,
    actor: User,
    case: Case,
    person: Person | None,
    kind: str,
    imposed_by: str,
    starts_on: date,
    ends_on: date | None = None,
    details: str = "",
    confidentiality: str = Confidentiality.TEAM,
) -> Condition:
    _check(actor, case)
    person = _perpetrator(case, person)
    confidentiality, sector = _level(actor, confidentiality)
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError(
            {
                "ends_on": _(
                    "De einddatum (%(end)s) ligt vóór de ingangsdatum (%(start)s); "
                    "een voorwaarde kan niet eindigen voordat ze begint."
                )
                % {"end": local_date(ends_on), "start": local_date(starts_on)}
            }
        )
    condition = Condition.objects.create(
        case=case,
        person=person,
        kind=kind,
        imposed_by=imposed_by,
        starts_on=starts_on,
        ends_on=ends_on,
        details=details.strip(),
        confidentiality=confidentiality,
        sector=sector,
        reported_by_organisation=actor.organisation,
        recorded_by=actor,
    )
    _sync_date(
        item=condition,
        kind=DeadlineKind.CONDITION_END,
        due=ends_on,
        title=_("Plegerspoor: einde voorwaarde (%(kind)s)")
        % {"kind": condition.get_kind_display()},
        now=timezone.now(),
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=condition, persons=[person])
    return condition


def _release_error(custody_on: date, release_on: date | None) -> None:
    if release_on is not None and release_on < custody_on:
        raise ValidationError(
            {
                "release_on": _(
                    "De datum van vrijlating (%(release)s) ligt vóór de datum van "
                    "inhechtenisneming (%(custody)s)."
                )
                % {"release": local_date(release_on), "custody": local_date(custody_on)}
            }
        )


def _sync_release(custody: Custody) -> None:
    _sync_date(
        item=custody,
        kind=DeadlineKind.RELEASE,
        due=custody.release_on,
        title=_("Plegerspoor: verwachte vrijlating"),
        now=timezone.now(),
    )


@transaction.atomic
def custody_record(
    *,
    actor: User,
    case: Case,
    person: Person | None,
    custody_on: date,
    release_on: date | None = None,
    details: str = "",
    confidentiality: str = Confidentiality.TEAM,
) -> Custody:
    _check(actor, case)
    person = _perpetrator(case, person)
    confidentiality, sector = _level(actor, confidentiality)
    _release_error(custody_on, release_on)
    custody = Custody.objects.create(
        case=case,
        person=person,
        custody_on=custody_on,
        release_on=release_on,
        details=details.strip(),
        confidentiality=confidentiality,
        sector=sector,
        reported_by_organisation=actor.organisation,
        recorded_by=actor,
    )
    _sync_release(custody)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=custody, persons=[person])
    return custody


@transaction.atomic
def custody_set_release(*, actor: User, custody: Custody, release_on: date | None) -> Custody:
    """A new (or first known) date of release: the reminders follow the date."""
    custody = Custody.objects.select_for_update().select_related("case").get(pk=custody.pk)
    _check(actor, custody.case)
    _release_error(custody.custody_on, release_on)
    custody.release_on = release_on
    custody.save(update_fields=["release_on"])
    _sync_release(custody)
    audit_record(
        actor=actor, action=Action.UPDATE, case=custody.case, obj=custody, persons=[custody.person]
    )
    return custody


@transaction.atomic
def breach_record(
    *,
    actor: User,
    case: Case,
    condition: Condition | None,
    occurred_at: datetime,
    description: str,
    confidentiality: str = Confidentiality.TEAM,
    relapse: bool = False,
) -> Breach:
    """A breach of a condition; recorded as an incident of the case at the same level. The
    case's coordinator may at once send a case in stable safety or recovery back to
    immediate safety (the relapse transition, with the breach as its reason)."""
    _check(actor, case)
    if condition is None or condition.case_id != case.pk:
        raise ValidationError({"condition": _("Kies de voorwaarde die is overtreden.")})
    confidentiality, sector = _level(actor, confidentiality)
    day = occurred_at.astimezone(AMSTERDAM).date()
    if day < condition.starts_on:
        raise ValidationError(
            {
                "occurred_at": _(
                    "De overtreding (%(when)s) ligt vóór de ingangsdatum van de voorwaarde "
                    "(%(start)s); een voorwaarde kan pas worden overtreden als ze geldt."
                )
                % {"when": local_date(day), "start": local_date(condition.starts_on)}
            }
        )
    if condition.ends_on is not None and day > condition.ends_on:
        raise ValidationError(
            {
                "occurred_at": _(
                    "De overtreding (%(when)s) ligt na de einddatum van de voorwaarde (%(end)s)."
                )
                % {"when": local_date(day), "end": local_date(condition.ends_on)}
            }
        )
    if relapse and not can_manage_case(actor, case):
        raise ValidationError(
            {"relapse": _("Alleen de regisseur van de casus kan een terugval vastleggen.")}
        )
    if relapse and case.phase not in RELAPSE_FROM:
        raise ValidationError(
            {
                "relapse": _(
                    "Terugval kan alleen vanuit stabiele veiligheid of herstel; de casus is "
                    "nu in de fase %(phase)s."
                )
                % {"phase": case.get_phase_display()}
            }
        )
    incident = incident_record(
        actor=actor,
        case=case,
        occurred_at=occurred_at,
        description=_("Overtreding van de voorwaarde %(kind)s: %(text)s")
        % {"kind": condition.get_kind_display(), "text": description.strip()},
        confidentiality=confidentiality,
        sector=sector,
    )
    breach = Breach.objects.create(
        case=case,
        person=condition.person,
        condition=condition,
        occurred_at=occurred_at,
        description=description.strip(),
        incident=incident,
        confidentiality=confidentiality,
        sector=sector,
        reported_by_organisation=actor.organisation,
        recorded_by=actor,
    )
    audit_record(
        actor=actor, action=Action.CREATE, case=case, obj=breach, persons=[condition.person]
    )
    if relapse:
        case_transition(
            case=case,
            name="relapse",
            actor=actor,
            reason=_("Overtreding van een voorwaarde van de pleger (%(kind)s).")
            % {"kind": condition.get_kind_display()},
        )
    return breach


@transaction.atomic
def track_dates_pass(*, now: datetime) -> int:
    """Every-minute scan step: a release date or end of condition that has passed is done
    (it is never overdue: nobody owed it). One indexed update."""
    today = now.astimezone(AMSTERDAM).date()
    return Deadline.objects.filter(
        status=DeadlineStatus.OPEN, due_date__lt=today, kind__in=TRACK_KINDS
    ).update(status=DeadlineStatus.DONE, completed_at=now, updated_at=now)
