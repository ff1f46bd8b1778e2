# SPDX-License-Identifier: EUPL-1.2
"""Scheduling and running a case conference; the only code that writes conferences."""

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Organisation, User
from audit.models import Action as AuditAction
from audit.services import audit_record
from casework.models import Case
from casework.permissions import can_manage_case
from casework.selectors import case_qs_visible_to, owner_errors
from casework.services.phases import TRANSITIONS, case_transition
from conferences import agenda
from conferences import risks as risks_module
from conferences.models import (
    Action,
    AgendaKind,
    AgendaPoint,
    Attendance,
    CaseConference,
    ConferenceCase,
    ConferenceKind,
    Decision,
)
from conferences.permissions import can_run_conference, can_schedule_conference
from conferences.tasks import notify_minutes
from config.formats import local_date, local_datetime
from deadlines.models import DeadlineKind
from deadlines.services.sync import deadline_sync
from notifications.services import notifications_create

FROZEN = _("Het verslag is vastgesteld en kan niet meer worden gewijzigd.")
CANCELLED = _("Dit overleg is geannuleerd.")


def _organisations_of(cases) -> set[int]:
    ids = set()
    for case in cases:
        ids.update(
            case.memberships.active().organisations().values_list("organisation_id", flat=True)
        )
    return ids


@transaction.atomic
def conference_schedule(
    *,
    actor: User,
    kind: str,
    starts_at: datetime,
    location: str,
    cases: list[Case],
    organisations: list[Organisation],
    users: list[User] = (),
    duration_minutes: int = 90,
    now: datetime | None = None,
) -> CaseConference:
    now = now or timezone.now()
    if not can_schedule_conference(actor):
        raise PermissionDenied
    errors = {}
    if starts_at < now:
        errors["starts_at"] = _("Een overleg kan niet in het verleden worden gepland.")
    elif kind == ConferenceKind.URGENT and starts_at > now + timedelta(hours=24):
        errors["starts_at"] = _("Een spoedoverleg vindt binnen 24 uur plaats.")
    if not cases:
        errors["cases"] = _("Kies ten minste één casus.")
    elif any(not can_manage_case(actor, case) for case in cases):
        raise PermissionDenied
    if not location.strip():
        errors["location"] = _("Vul een locatie in.")
    taking_part = _organisations_of(cases)
    outsiders = [o.name for o in organisations if o.pk not in taking_part]
    if outsiders:
        errors["organisations"] = _(
            "Deze organisaties nemen aan geen van de casussen deel: %(names)s."
        ) % {"names": ", ".join(outsiders)}
    outside_users = [str(u) for u in users if u.organisation_id not in taking_part]
    if outside_users:
        errors["users"] = _(
            "Deze professionals horen niet bij een deelnemende organisatie: %(names)s."
        ) % {"names": ", ".join(outside_users)}
    if errors:
        raise ValidationError(errors)
    conference = CaseConference.objects.create(
        kind=kind,
        starts_at=starts_at,
        location=location.strip(),
        duration_minutes=duration_minutes,
        created_by=actor,
    )
    conference.invited_organisations.set(organisations)
    conference.invited_users.set(users)
    for position, case in enumerate(cases):
        part = ConferenceCase.objects.create(conference=conference, case=case, position=position)
        AgendaPoint.objects.bulk_create(
            AgendaPoint(part=part, position=i, kind=k, text=str(text)[:300])
            for i, (k, text) in enumerate(agenda.propose(case, now=now))
        )
        audit_record(actor=actor, action=AuditAction.CREATE, case=case, obj=part)
    return conference


def _runnable(actor: User, conference: CaseConference) -> CaseConference:
    conference = CaseConference.objects.select_for_update().get(pk=conference.pk)
    if not can_run_conference(actor, conference):
        raise PermissionDenied
    if conference.is_frozen:
        raise ValidationError(FROZEN)
    return conference


@transaction.atomic
def agenda_add_point(*, actor: User, part: ConferenceCase, text: str) -> AgendaPoint:
    _runnable(actor, part.conference)
    if not text.strip():
        raise ValidationError({"text": _("Vul het agendapunt in.")})
    last = part.agenda.aggregate(m=Max("position"))["m"]
    return AgendaPoint.objects.create(
        part=part, position=(last or 0) + 1, kind=AgendaKind.CUSTOM, text=text.strip()[:300]
    )


@transaction.atomic
def agenda_move_point(*, actor: User, point: AgendaPoint, up: bool) -> None:
    _runnable(actor, point.part.conference)
    points = list(point.part.agenda.all())
    index = next(i for i, p in enumerate(points) if p.pk == point.pk)
    other = index - 1 if up else index + 1
    if 0 <= other < len(points):
        points[index], points[other] = points[other], points[index]
    for position, p in enumerate(points):
        if p.position != position:
            p.position = position
            p.save(update_fields=["position"])


@transaction.atomic
def attendance_record(
    *, actor: User, conference: CaseConference, organisation: Organisation, status: str
) -> Attendance:
    conference = _runnable(actor, conference)
    if not conference.invited_organisations.filter(pk=organisation.pk).exists():
        raise ValidationError({"organisation": _("Deze organisatie is niet uitgenodigd.")})
    if status not in Attendance.Status.values:
        raise ValidationError({"status": _("Kies aanwezig, afwezig of afgemeld.")})
    attendance, _created = Attendance.objects.update_or_create(
        conference=conference, organisation=organisation, defaults={"status": status}
    )
    if conference.held_at is None and status == Attendance.Status.PRESENT:
        conference.held_at = timezone.now()
        conference.save(update_fields=["held_at"])
    return attendance


@transaction.atomic
def part_notes_update(*, actor: User, part: ConferenceCase, notes: str) -> ConferenceCase:
    _runnable(actor, part.conference)
    part.notes = notes.strip()
    part.save(update_fields=["notes"])
    audit_record(actor=actor, action=AuditAction.UPDATE, case=part.case, obj=part)
    return part


@transaction.atomic
def decision_record(
    *, actor: User, part: ConferenceCase, text: str, proposal: str, proposed_transition: str = ""
) -> Decision:
    _runnable(actor, part.conference)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf het besluit.")})
    if proposal == Decision.Proposal.TRANSITION and proposed_transition not in TRANSITIONS:
        raise ValidationError({"proposed_transition": _("Kies de voorgestelde faseovergang.")})
    decision = Decision.objects.create(
        part=part,
        text=text.strip(),
        proposal=proposal,
        proposed_transition=proposed_transition if proposal == Decision.Proposal.TRANSITION else "",
        recorded_by=actor,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, case=part.case, obj=decision)
    return decision


@transaction.atomic
def decision_carry_out(*, actor: User, decision: Decision) -> Case:
    """A proposed phase transition is carried out through the normal service, with the
    decision as its reason; the phase guards apply as always."""
    if decision.proposal != Decision.Proposal.TRANSITION or decision.carried_out_at:
        raise ValidationError(_("Dit besluit stelt geen (openstaande) faseovergang voor."))
    reason = _("Besluit overleg %(date)s: %(text)s") % {
        "date": local_date(decision.part.conference.starts_at),
        "text": decision.text,
    }
    case = case_transition(
        case=decision.part.case, name=decision.proposed_transition, actor=actor, reason=reason
    )
    decision.carried_out_at = timezone.now()
    decision.save(update_fields=["carried_out_at"])
    return case


def _action_risks(case: Case, risks, no_risk_reason: str, errors: dict) -> tuple[list[int], str]:
    """The chosen risk items, checked against the case's current Top-3, and the reason."""
    choices = risks_module.risk_choices([case])[case.pk]
    available = {pk for pk, _label in choices}
    chosen = list(dict.fromkeys(str(pk).strip() for pk in risks))
    reason = (no_risk_reason or "").strip()
    risk_field = "risks" if choices else "no_risk_reason"
    if any(not pk.isdigit() or int(pk) not in available for pk in chosen):
        errors["risks"] = risks_module.NOT_IN_TOP3
    elif not chosen and not reason:
        errors[risk_field] = risks_module.NEEDS_RISK
    elif chosen and reason:
        errors["no_risk_reason"] = risks_module.RISK_OR_REASON
    return [int(pk) for pk in chosen if pk.isdigit()], reason


@transaction.atomic
def action_record(
    *,
    actor: User,
    part: ConferenceCase,
    description: str,
    owner_organisation: Organisation | None,
    owner_user: User | None,
    due_date: date | None,
    risks: Sequence[int] = (),
    no_risk_reason: str = "",
) -> Action:
    """`risks` are ids of the case's Top-3 risk items the action works on (the choices of
    conferences.risks); without any, `no_risk_reason` says why (issue 20)."""
    _runnable(actor, part.conference)
    errors = {}
    if not description.strip():
        errors["description"] = _("Beschrijf de actie.")
    risk_ids, reason = _action_risks(part.case, risks, no_risk_reason, errors)
    errors.update(
        owner_errors(
            part.case,
            owner_organisation,
            owner_user,
            missing=_("Kies de organisatie die de actie uitvoert."),
        )
    )
    if due_date is None:
        errors["due_date"] = _("Vul een uiterste datum in.")
    elif due_date < timezone.localdate():
        errors["due_date"] = _("De uiterste datum ligt in het verleden.")
    if errors:
        raise ValidationError(errors)
    action = Action.objects.create(
        part=part,
        description=description.strip(),
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
        no_risk_reason=reason,
        recorded_by=actor,
    )
    risks_module.risk_links_save(action, risk_ids)
    deadline_sync(
        case=part.case,
        kind=DeadlineKind.ACTION,
        source=action,
        title=action.description,
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    audit_record(actor=actor, action=AuditAction.CREATE, case=part.case, obj=action)
    return action


@transaction.atomic
def conference_reschedule(
    *,
    actor: User,
    conference: CaseConference,
    starts_at: datetime,
    location: str,
    duration_minutes: int,
    now: datetime | None = None,
) -> CaseConference:
    """Move a conference in time or place; its invite becomes an update (SEQUENCE + 1)."""
    now = now or timezone.now()
    conference = _runnable(actor, conference)
    if conference.cancelled_at is not None:
        raise ValidationError(CANCELLED)
    errors = {}
    if starts_at < now:
        errors["starts_at"] = _("Een overleg kan niet in het verleden worden gepland.")
    if not location.strip():
        errors["location"] = _("Vul een locatie in.")
    if errors:
        raise ValidationError(errors)
    changed = (conference.starts_at, conference.location, conference.duration_minutes) != (
        starts_at,
        location.strip(),
        duration_minutes,
    )
    if changed:
        conference.starts_at = starts_at
        conference.location = location.strip()
        conference.duration_minutes = duration_minutes
        conference.sequence += 1
        conference.save(update_fields=["starts_at", "location", "duration_minutes", "sequence"])
        for part in conference.parts.select_related("case"):
            audit_record(actor=actor, action=AuditAction.UPDATE, case=part.case, obj=part)
    return conference


@transaction.atomic
def conference_cancel(
    *, actor: User, conference: CaseConference, now: datetime | None = None
) -> CaseConference:
    """Cancel a conference; its invite becomes a cancellation (METHOD:CANCEL)."""
    conference = _runnable(actor, conference)
    if conference.cancelled_at is not None:
        raise ValidationError(CANCELLED)
    conference.cancelled_at = now or timezone.now()
    conference.sequence += 1
    conference.save(update_fields=["cancelled_at", "sequence"])
    for part in conference.parts.select_related("case"):
        audit_record(actor=actor, action=AuditAction.UPDATE, case=part.case, obj=part)
    return conference


def minutes_adoptable(conference: CaseConference, *, now) -> bool:
    """Minutes are of a meeting that took place: adoptable from its start on."""
    return now >= conference.starts_at


@transaction.atomic
def minutes_adopt(*, actor: User, conference: CaseConference) -> CaseConference:
    conference = _runnable(actor, conference)
    if not minutes_adoptable(conference, now=timezone.now()):
        raise ValidationError(
            _("Het verslag kan pas worden vastgesteld na de start van het overleg (%(when)s).")
            % {"when": local_datetime(conference.starts_at)}
        )
    conference.minutes_adopted_at = timezone.now()
    conference.minutes_adopted_by = actor
    if conference.held_at is None:
        conference.held_at = conference.starts_at
    conference.save(update_fields=["minutes_adopted_at", "minutes_adopted_by", "held_at"])
    transaction.on_commit(lambda: notify_minutes.delay(conference_id=conference.pk))
    return conference


@transaction.atomic
def minutes_notifications_create(*, conference_id: int) -> int:
    """Tell the people taking part — invited professionals and users of invited
    organisations who can see at least one case of the conference — that the minutes are
    there; never a functional administrator or log manager. The message names only the
    conference, never a person. Idempotent."""
    conference = CaseConference.objects.get(pk=conference_id)
    case_ids = list(conference.parts.values_list("case_id", flat=True))
    candidates = User.objects.filter(is_active=True).filter(
        Q(pk__in=conference.invited_users.values("pk"))
        | Q(organisation__in=conference.invited_organisations.all())
    )
    recipients = [
        user.pk
        for user in candidates.distinct()
        if case_qs_visible_to(user).filter(pk__in=case_ids).exists()
    ]
    message = _("Het verslag van %(conference)s is vastgesteld.") % {"conference": conference}
    return notifications_create(
        recipient_ids=recipients,
        kind="minutes",
        message=message,
        event_key=f"minutes:{conference.pk}",
    )
