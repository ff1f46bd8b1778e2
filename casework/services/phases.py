# SPDX-License-Identifier: EUPL-1.2
"""Every change of a case's phase or track goes through case_transition()."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import has_transition_perm

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework import lifecycle
from casework.models import Case, ClosureReason, ClosureRequest, PhaseChange
from casework.models.cases import PHASE_TRANSITIONS, TRACK_TRANSITIONS, Phase
from casework.permissions import can_decide_closure, can_manage_case
from notifications.tasks import notify_case_changed

TRANSITIONS = PHASE_TRANSITIONS + TRACK_TRANSITIONS
# Closing is a four-eyes decision on a closure request (closure_decide), never a
# transition taken on its own: not offered, and refused by case_transition.
ONLY_THROUGH_DECISION = {"close"}


@dataclass(frozen=True)
class TransitionOption:
    """One transition as the case page shows it: can this user take it now, or why not."""

    name: str
    label: str
    allowed: bool
    reasons: list[str]


def _meta(case: Case, name: str):
    method = getattr(case, name)
    meta = method._django_fsm
    state = meta.field.get_state(case)
    return meta, meta.get_transition(state) if meta.has_transition(state) else None


def transition_label(name: str) -> str:
    """The human label of a transition (its `custom["label"]`), for choice lists and
    decisions that name one; an unknown name is shown as it is."""
    method = getattr(Case, name, None) if name in TRANSITIONS else None
    if method is None:
        return name
    transitions = method._django_fsm.transitions.values()
    return str(next(iter(transitions)).custom["label"])


def transition_choices() -> list[tuple[str, str]]:
    return [(name, transition_label(name)) for name in TRANSITIONS]


def transition_options(*, case: Case, user: User) -> list[TransitionOption]:
    """The transitions that exist from the case's current phase and track, with the
    sentences of every unmet guard. Only transitions this user's role may take are listed;
    a closed case offers no track change at all (only reopening)."""
    options = []
    for name in TRANSITIONS:
        if name in ONLY_THROUGH_DECISION or (case.is_closed and name in TRACK_TRANSITIONS):
            continue
        meta, transition = _meta(case, name)
        if transition is None or not transition.has_perm(case, user):
            continue
        reasons = [str(c.message) for c in transition.conditions if not c(case)]
        options.append(
            TransitionOption(name, str(transition.custom["label"]), not reasons, reasons)
        )
    return options


@transaction.atomic
def case_transition(*, case: Case, name: str, actor: User, reason: str) -> Case:
    if name in ONLY_THROUGH_DECISION:
        raise ValidationError(
            _(
                "Een casus wordt alleen afgesloten via het besluit over een verzoek tot "
                "afsluiten, door een andere manager dan de aanvrager."
            )
        )
    return _transition(case=case, name=name, actor=actor, reason=reason)


def _transition(*, case: Case, name: str, actor: User, reason: str) -> Case:
    if name not in TRANSITIONS:
        raise ValidationError(_("Deze faseovergang bestaat niet."))
    if not reason or not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor deze overgang.")})
    case = Case.objects.select_for_update().get(pk=case.pk)
    meta, transition = _meta(case, name)
    if transition is None:
        raise ValidationError(_("Deze overgang is vanuit de huidige fase niet mogelijk."))
    if not transition.has_perm(case, actor):
        raise PermissionDenied
    if case.is_closed and name in TRACK_TRANSITIONS:
        raise ValidationError(
            _("Een afgesloten casus verandert niet van spoor; heropen de casus eerst.")
        )
    unmet = [str(c.message) for c in transition.conditions if not c(case)]
    if unmet:
        raise ValidationError(unmet)
    if not has_transition_perm(getattr(case, name), actor):  # the library's own check, too
        raise PermissionDenied
    field = meta.field.name
    from_state = getattr(case, field)
    getattr(case, name)()
    now = timezone.now()
    if field == "phase":
        case.phase_entered_at = now
    case.save()
    if name == "close":
        lifecycle.case_closed(case, now)
    elif name == "reopen":
        lifecycle.case_reopened(case, now)
    change = PhaseChange.objects.create(
        case=case,
        field=field,
        transition=name,
        from_state=from_state,
        to_state=getattr(case, field),
        actor=actor,
        reason=reason.strip(),
    )
    audit_record(actor=actor, action=Action.TRANSITION, case=case, obj=change)
    transaction.on_commit(
        lambda: notify_case_changed.delay(case_id=case.pk, event_key=f"phase-change:{change.pk}")
    )
    return case


@transaction.atomic
def closure_request(*, actor: User, case: Case, reason: str, summary: str) -> ClosureRequest:
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_manage_case(actor, case):
        raise PermissionDenied
    if case.phase not in (Phase.IMMEDIATE_SAFETY, Phase.STABLE_SAFETY, Phase.RECOVERY):
        raise ValidationError(_("Alleen een lopende casus kan worden afgesloten."))
    if reason not in ClosureReason.values:
        raise ValidationError({"reason": _("Kies een reden van afsluiten.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Schrijf een afsluitende samenvatting.")})
    if case.closure_requests.filter(status=ClosureRequest.Status.PENDING).exists():
        raise ValidationError(_("Er staat al een verzoek tot afsluiten open."))
    blockers = lifecycle.close_blockers(case)
    if blockers:
        raise ValidationError(blockers)
    request = ClosureRequest.objects.create(
        case=case, reason=reason, summary=summary.strip(), requested_by=actor
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=request)
    transaction.on_commit(
        lambda: notify_case_changed.delay(
            case_id=case.pk, event_key=f"closure-request:{request.pk}"
        )
    )
    return request


@transaction.atomic
def closure_decide(
    *, actor: User, case: Case, approve: bool, reason: str, acknowledged: bool = False
) -> ClosureRequest:
    """Four-eyes: a manager who did not ask for it approves (the case closes) or refuses
    (the case stays in its phase) — with a reason either way. Approval is refused while a
    blocker holds (a running huisverbod); what is still open (unmet conditions, open
    agreements, open escalations) must be acknowledged explicitly, and the sentences
    acknowledged are stored with the decision."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not can_decide_closure(actor, case):
        raise PermissionDenied
    request = case.closure_requests.filter(status=ClosureRequest.Status.PENDING).first()
    if request is None:
        raise ValidationError(_("Er is geen openstaand verzoek tot afsluiten."))
    if request.requested_by_id == actor.pk:
        raise ValidationError(_("U kunt uw eigen verzoek tot afsluiten niet beoordelen."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef een reden voor uw besluit.")})
    if approve:
        blockers = lifecycle.close_blockers(case)
        if blockers:
            raise ValidationError(blockers)
        warnings = lifecycle.close_warnings(case)
        if warnings and not acknowledged:
            raise ValidationError(
                {
                    "acknowledged": _(
                        "Er staat nog iets open (zie de lijst). Bevestig dat u de casus "
                        "toch wilt afsluiten."
                    )
                }
            )
        request.acknowledged_open_items = "\n".join(warnings)
        _transition(case=case, name="close", actor=actor, reason=reason)
    request.status = ClosureRequest.Status.APPROVED if approve else ClosureRequest.Status.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_reason = reason.strip()
    request.save(
        update_fields=[
            "status",
            "decided_by",
            "decided_at",
            "decision_reason",
            "acknowledged_open_items",
        ]
    )
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=request)
    transaction.on_commit(
        lambda: notify_case_changed.delay(
            case_id=case.pk, event_key=f"closure-decision:{request.pk}"
        )
    )
    return request
