# SPDX-License-Identifier: EUPL-1.2
"""The only code that writes the safety plan.

Every service is keyword-only and atomic, checks permission itself, records an audit
entry and keeps the deadline engine in step (casework.services.deadlines.deadline_sync)
for every agreement and evaluation date, inside the same transaction.
"""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, User
from accounts.roles import CASEWORK_ROLES
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Deadline, DeadlineKind, DeadlineStatus, Person
from casework.services.deadlines import deadline_sync
from casework.tasks import notify_case_changed
from safetyplan import permissions
from safetyplan.models import (
    AgreementPart,
    AgreementProgress,
    AgreementStatus,
    FrozenVersionError,
    ItemStatus,
    PlanAcknowledgement,
    PlanVersion,
    RecoveryPlan,
    Risk,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    SafetyPlan,
    ScaleScore,
    VersionStatus,
)

MAX_RISK_ITEMS = 3

RISK_ITEM_FIELDS = [
    "title",
    "facts_who",
    "facts_what",
    "facts_to_whom",
    "facts_when",
    "facts_impact",
    "danger_statement",
    "safety_goal",
    "consequences",
    "supervision",
    "next_evaluation",
]
REQUIRED_RISK_FIELDS = {
    "title": gettext_lazy("Geef de situatie een korte titel."),
    "facts_who": gettext_lazy("Beschrijf wie het geweld pleegt."),
    "facts_what": gettext_lazy("Beschrijf wat er is gebeurd."),
    "facts_to_whom": gettext_lazy("Beschrijf bij wie het gebeurde."),
    "facts_when": gettext_lazy("Beschrijf wanneer het gebeurde."),
    "facts_impact": gettext_lazy("Beschrijf de impact."),
    "danger_statement": gettext_lazy("Schrijf een gevaarsstelling."),
    "safety_goal": gettext_lazy("Schrijf een veiligheidsdoel."),
}


class StaleEditError(ValidationError):
    """Someone else saved the same thing after this user opened it. `current` holds what
    is stored now, so the page can show both texts; nothing was saved."""

    def __init__(self, *, current: dict, lock_version: int):
        super().__init__(
            _(
                "Iemand anders heeft dit intussen opgeslagen. Uw tekst is niet opgeslagen "
                "maar staat nog in het formulier; vergelijk hem met de opgeslagen tekst en "
                "sla opnieuw op."
            )
        )
        self.current = current
        self.lock_version = lock_version


# --- helpers -------------------------------------------------------------------------------


def _open_case(case: Case) -> None:
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; het plan kan niet meer veranderen."))


def _editable_draft(*, actor: User, version: PlanVersion) -> PlanVersion:
    """Lock the version and make sure it is a draft the actor may edit."""
    version = (
        PlanVersion.objects.select_related("plan__case").select_for_update().get(pk=version.pk)
    )
    case = version.plan.case
    if not permissions.can_edit_plan(actor, case):
        raise PermissionDenied
    _open_case(case)
    if version.status != VersionStatus.DRAFT:
        raise FrozenVersionError
    return version


def _save_locked(obj: models.Model, *, lock_version: int | None, fields: list[str]) -> None:
    """Compare-and-set on lock_version: the save only lands when nobody saved in between."""
    model = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    query = model.objects.filter(pk=obj.pk)
    if lock_version is not None:
        query = query.filter(lock_version=lock_version)
    if not query.update(**values, lock_version=F("lock_version") + 1):
        current = model.objects.get(pk=obj.pk)
        raise StaleEditError(
            current={name: getattr(current, name) for name in fields},
            lock_version=current.lock_version,
        )
    obj.refresh_from_db(fields=["lock_version"])


def _clean_text(data: dict, required: dict) -> dict:
    cleaned = {k: v.strip() if isinstance(v, str) else v for k, v in data.items()}
    errors = {field: message for field, message in required.items() if not cleaned.get(field)}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _deadline_status(progress: AgreementProgress) -> str:
    return {
        AgreementStatus.OPEN: DeadlineStatus.OPEN,
        AgreementStatus.DONE: DeadlineStatus.DONE,
        AgreementStatus.NOT_MET: DeadlineStatus.CANCELLED,
    }[progress.status]


def _sync_agreement(agreement: SafetyAgreement, *, case: Case, removed: bool = False) -> None:
    deadline_sync(
        case=case,
        kind=DeadlineKind.AGREEMENT,
        source=agreement.progress,
        title=agreement.description,
        owner_organisation=agreement.owner_organisation,
        owner_user=agreement.owner_user,
        due_date=agreement.due_date,
        status=DeadlineStatus.CANCELLED if removed else _deadline_status(agreement.progress),
    )


def _sync_evaluation(item: RiskItem, *, case: Case, removed: bool = False) -> None:
    existing = Deadline.objects.filter(
        source_type=Risk._meta.label_lower, source_id=item.risk_id
    ).first()
    if item.next_evaluation is None or removed:
        if existing is not None:
            deadline_sync(
                case=case,
                kind=DeadlineKind.EVALUATION,
                source=item.risk,
                title=existing.title,
                owner_organisation=existing.owner_organisation,
                owner_user=existing.owner_user,
                due_date=existing.due_date,
                status=DeadlineStatus.CANCELLED,
            )
        return
    deadline_sync(
        case=case,
        kind=DeadlineKind.EVALUATION,
        source=item.risk,
        title=_("Evaluatie: %(title)s") % {"title": item.title},
        owner_organisation=case.coordinator.organisation,
        owner_user=case.coordinator,
        due_date=item.next_evaluation,
    )


# --- drafts --------------------------------------------------------------------------------


@transaction.atomic
def plan_start_draft(*, actor: User, case: Case) -> PlanVersion:
    """The draft to edit: the existing one, or a new one copied from the last version."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if not permissions.can_edit_plan(actor, case):
        raise PermissionDenied
    _open_case(case)
    plan, created = SafetyPlan.objects.get_or_create(case=case, defaults={"created_by": actor})
    if created:
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=plan)
    draft = plan.versions.filter(status=VersionStatus.DRAFT).first()
    if draft is not None:
        return draft
    last = plan.versions.order_by("-number").first()
    draft = PlanVersion.objects.create(
        plan=plan,
        number=(last.number + 1) if last else 1,
        based_on=last,
        created_by=actor,
        care_plan_summary=last.care_plan_summary if last else "",
    )
    if last is not None:
        _copy_content(source=last, target=draft)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=draft)
    return draft


def _copy_content(*, source: PlanVersion, target: PlanVersion) -> None:
    """The new draft starts as the last version: its Top-3 (replaced items stay behind in
    the history), their conditions and agreements, and the recovery plans."""
    items = {}
    for item in source.risk_items.filter(status=ItemStatus.ACTIVE):
        old_pk = item.pk
        item.pk = None
        item.id = None
        item.version = target
        item.lock_version = 1
        item.save()
        items[old_pk] = item
    for condition in source.conditions.filter(risk_item__status=ItemStatus.ACTIVE):
        condition.pk = condition.id = None
        condition.version = target
        condition.risk_item = items[condition.risk_item_id]
        condition.lock_version = 1
        condition.save()
    for agreement in source.agreements.filter(risk_item__status=ItemStatus.ACTIVE):
        agreement.pk = agreement.id = None
        agreement.version = target
        agreement.risk_item = items[agreement.risk_item_id]
        agreement.lock_version = 1
        agreement.save()
    for recovery in source.recovery_plans.all():
        recovery.pk = recovery.id = None
        recovery.version = target
        recovery.lock_version = 1
        recovery.save()


@transaction.atomic
def plan_update_summary(
    *, actor: User, version: PlanVersion, care_plan_summary: str, lock_version: int | None
) -> PlanVersion:
    version = _editable_draft(actor=actor, version=version)
    version.care_plan_summary = care_plan_summary.strip()
    _save_locked(version, lock_version=lock_version, fields=["care_plan_summary"])
    audit_record(actor=actor, action=Action.UPDATE, case=version.plan.case, obj=version)
    return version


# --- risk items ----------------------------------------------------------------------------


def _check_rank(version: PlanVersion, rank, *, exclude_pk=None) -> None:
    if rank not in (1, 2, 3):
        raise ValidationError({"rank": _("Kies een rangorde van 1 tot en met 3.")})
    taken = version.risk_items.filter(status=ItemStatus.ACTIVE, rank=rank)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        raise ValidationError(
            {"rank": _("Rangorde %(rank)s is in deze versie al bezet.") % {"rank": rank}}
        )


@transaction.atomic
def risk_item_create(*, actor: User, version: PlanVersion, rank: int, **fields) -> RiskItem:
    version = _editable_draft(actor=actor, version=version)
    case = version.plan.case
    if version.risk_items.filter(status=ItemStatus.ACTIVE).count() >= MAX_RISK_ITEMS:
        raise ValidationError(
            _(
                "De Top-3 is vol: er kunnen niet meer dan drie onveilige situaties tegelijk in "
                "het plan staan. Vervang een bestaande situatie als een nieuwe ernstiger is."
            )
        )
    _check_rank(version, rank)
    data = _clean_text({k: fields.get(k, "") for k in RISK_ITEM_FIELDS}, REQUIRED_RISK_FIELDS)
    risk = Risk.objects.create(plan=version.plan)
    item = RiskItem(version=version, risk=risk, rank=rank, **data)
    try:
        with transaction.atomic():
            item.save()
    except IntegrityError:
        raise ValidationError({"rank": _("Deze rangorde is intussen al bezet.")}) from None
    _sync_evaluation(item, case=case)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=item)
    return item


@transaction.atomic
def risk_item_update(
    *, actor: User, item: RiskItem, lock_version: int | None, **fields
) -> RiskItem:
    version = _editable_draft(actor=actor, version=item.version)
    item = RiskItem.objects.select_related("risk").get(pk=item.pk, version=version)
    if item.status != ItemStatus.ACTIVE:
        raise ValidationError(_("Een vervangen situatie kan niet meer worden gewijzigd."))
    data = _clean_text({k: fields.get(k, "") for k in RISK_ITEM_FIELDS}, REQUIRED_RISK_FIELDS)
    for name, value in data.items():
        setattr(item, name, value)
    _save_locked(item, lock_version=lock_version, fields=RISK_ITEM_FIELDS)
    _sync_evaluation(item, case=version.plan.case)
    audit_record(actor=actor, action=Action.UPDATE, case=version.plan.case, obj=item)
    return item


@transaction.atomic
def risk_item_replace(*, actor: User, item: RiskItem, reason: str, **fields) -> RiskItem:
    """A new situation takes the place (and rank) of an existing one. The replaced item
    stays in this version, unranked and marked replaced, so the history keeps it."""
    version = _editable_draft(actor=actor, version=item.version)
    case = version.plan.case
    old = RiskItem.objects.select_related("risk").get(pk=item.pk, version=version)
    if old.status != ItemStatus.ACTIVE:
        raise ValidationError(_("Deze situatie is al vervangen."))
    if not reason.strip():
        raise ValidationError(
            {"replacement_reason": _("Leg uit waarom de nieuwe situatie ernstiger is.")}
        )
    data = _clean_text({k: fields.get(k, "") for k in RISK_ITEM_FIELDS}, REQUIRED_RISK_FIELDS)
    rank = old.rank
    RiskItem.objects.filter(pk=old.pk).update(
        status=ItemStatus.REPLACED,
        rank=None,
        replaced_at=timezone.now(),
        replacement_reason=reason.strip(),
        lock_version=F("lock_version") + 1,
    )
    new = RiskItem.objects.create(
        version=version, risk=Risk.objects.create(plan=version.plan), rank=rank, **data
    )
    RiskItem.objects.filter(pk=old.pk).update(replaced_by=new)
    for agreement in old.agreements.select_related("progress", "owner_organisation"):
        _sync_agreement(agreement, case=case, removed=True)
    _sync_evaluation(old, case=case, removed=True)
    _sync_evaluation(new, case=case)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=old)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=new)
    return new


@transaction.atomic
def risk_items_rerank(*, actor: User, version: PlanVersion, ranks: dict[int, int]) -> None:
    """Give the active items a new order. `ranks` maps item pk to its new rank."""
    version = _editable_draft(actor=actor, version=version)
    active = {i.pk: i for i in version.risk_items.filter(status=ItemStatus.ACTIVE)}
    if set(ranks) != set(active):
        raise ValidationError(_("Geef elke situatie in de Top-3 een rangorde."))
    values = list(ranks.values())
    if any(r not in (1, 2, 3) for r in values):
        raise ValidationError(_("Kies een rangorde van 1 tot en met 3."))
    if len(set(values)) != len(values):
        raise ValidationError(_("Elke rangorde mag maar één keer voorkomen."))
    moving = [pk for pk, rank in ranks.items() if active[pk].rank != rank]
    if not moving:
        return
    # Unique ranks are checked per row, so step aside first (unranked is allowed only
    # for replaced items), then take the new places, all in this transaction.
    RiskItem.objects.filter(pk__in=moving).update(status=ItemStatus.REPLACED, rank=None)
    for pk in moving:
        RiskItem.objects.filter(pk=pk).update(
            status=ItemStatus.ACTIVE, rank=ranks[pk], lock_version=F("lock_version") + 1
        )
    audit_record(actor=actor, action=Action.UPDATE, case=version.plan.case, obj=version)


# --- conditions ----------------------------------------------------------------------------


@transaction.atomic
def condition_create(*, actor: User, item: RiskItem, text: str, is_met: bool = False):
    version = _editable_draft(actor=actor, version=item.version)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf wat minimaal op orde moet zijn.")})
    condition = SafetyCondition.objects.create(
        version=version, risk_item=item, text=text.strip(), is_met=is_met
    )
    audit_record(actor=actor, action=Action.CREATE, case=version.plan.case, obj=condition)
    return condition


@transaction.atomic
def condition_update(
    *, actor: User, condition: SafetyCondition, text: str, is_met: bool, lock_version: int | None
) -> SafetyCondition:
    version = _editable_draft(actor=actor, version=condition.version)
    if not text.strip():
        raise ValidationError({"text": _("Beschrijf wat minimaal op orde moet zijn.")})
    condition.text, condition.is_met = text.strip(), is_met
    _save_locked(condition, lock_version=lock_version, fields=["text", "is_met"])
    audit_record(actor=actor, action=Action.UPDATE, case=version.plan.case, obj=condition)
    return condition


@transaction.atomic
def condition_delete(*, actor: User, condition: SafetyCondition) -> None:
    version = _editable_draft(actor=actor, version=condition.version)
    audit_record(actor=actor, action=Action.DELETE, case=version.plan.case, obj=condition)
    condition.delete()


# --- agreements ----------------------------------------------------------------------------


def _check_owner(case: Case, organisation: Organisation | None, user: User | None) -> None:
    if organisation is None:
        raise ValidationError(
            {"owner_organisation": _("Kies de organisatie die de afspraak uitvoert.")}
        )
    if not case.memberships.filter(
        organisation=organisation, user__isnull=True, removed_at__isnull=True
    ).exists():
        raise ValidationError(
            {"owner_organisation": _("Deze organisatie neemt niet deel aan de casus.")}
        )
    if user is not None and user.organisation_id != organisation.pk:
        raise ValidationError(
            {"owner_user": _("Deze persoon werkt niet bij de gekozen organisatie.")}
        )
    if user is not None and user.role not in CASEWORK_ROLES:
        raise ValidationError({"owner_user": _("Deze persoon werkt niet aan casussen.")})


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    item: RiskItem,
    description: str,
    owner_organisation: Organisation | None,
    due_date: date | None,
    owner_user: User | None = None,
    part: str = AgreementPart.SAFETY,
) -> SafetyAgreement:
    version = _editable_draft(actor=actor, version=item.version)
    case = version.plan.case
    item = RiskItem.objects.get(pk=item.pk, version=version)
    if item.status != ItemStatus.ACTIVE:
        raise ValidationError(_("Een vervangen situatie krijgt geen nieuwe afspraken."))
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wie wat gaat doen.")})
    if part not in AgreementPart.values:
        raise ValidationError({"part": _("Kies het deel van het plan.")})
    _check_owner(case, owner_organisation, owner_user)
    if due_date is None:
        raise ValidationError({"due_date": _("Vul een uiterste datum in.")})
    if due_date < timezone.localdate():
        raise ValidationError({"due_date": _("De uiterste datum ligt in het verleden.")})
    progress = AgreementProgress.objects.create(plan=version.plan)
    agreement = SafetyAgreement.objects.create(
        version=version,
        risk_item=item,
        progress=progress,
        part=part,
        description=description.strip(),
        owner_organisation=owner_organisation,
        owner_user=owner_user,
        due_date=due_date,
    )
    _sync_agreement(agreement, case=case)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=agreement)
    return agreement


@transaction.atomic
def agreement_update(
    *,
    actor: User,
    agreement: SafetyAgreement,
    description: str,
    owner_organisation: Organisation | None,
    due_date: date | None,
    owner_user: User | None = None,
    part: str = AgreementPart.SAFETY,
    lock_version: int | None,
) -> SafetyAgreement:
    version = _editable_draft(actor=actor, version=agreement.version)
    case = version.plan.case
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wie wat gaat doen.")})
    if part not in AgreementPart.values:
        raise ValidationError({"part": _("Kies het deel van het plan.")})
    _check_owner(case, owner_organisation, owner_user)
    if due_date is None:
        raise ValidationError({"due_date": _("Vul een uiterste datum in.")})
    stored = SafetyAgreement.objects.get(pk=agreement.pk)
    if due_date != stored.due_date and due_date < timezone.localdate():
        raise ValidationError({"due_date": _("De nieuwe uiterste datum ligt in het verleden.")})
    agreement.description = description.strip()
    agreement.owner_organisation = owner_organisation
    agreement.owner_user = owner_user
    agreement.due_date = due_date
    agreement.part = part
    _save_locked(
        agreement,
        lock_version=lock_version,
        fields=["description", "owner_organisation", "owner_user", "due_date", "part"],
    )
    agreement.progress.refresh_from_db()
    _sync_agreement(agreement, case=case)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=agreement)
    return agreement


@transaction.atomic
def agreement_delete(*, actor: User, agreement: SafetyAgreement) -> None:
    version = _editable_draft(actor=actor, version=agreement.version)
    case = version.plan.case
    _sync_agreement(agreement, case=case, removed=True)
    audit_record(actor=actor, action=Action.DELETE, case=case, obj=agreement)
    agreement.delete()


@transaction.atomic
def agreement_set_status(
    *,
    actor: User,
    agreement: SafetyAgreement,
    status: str,
    notes: str,
    lock_version: int | None,
) -> AgreementProgress:
    """Status and notes of an agreement: the owning partner (or the coordinator) records
    how it is going. Not versioned, so it works on adopted versions too."""
    agreement = SafetyAgreement.objects.select_related(
        "progress", "version__plan__case", "owner_organisation", "owner_user"
    ).get(pk=agreement.pk)
    case = agreement.version.plan.case
    if not permissions.can_update_agreement(actor, case, agreement.owner_organisation_id):
        raise PermissionDenied
    _open_case(case)
    if status not in AgreementStatus.values:
        raise ValidationError({"status": _("Kies open, nagekomen of niet nagekomen.")})
    progress = AgreementProgress.objects.select_for_update().get(pk=agreement.progress_id)
    changed = status != progress.status
    progress.status = status
    progress.notes = notes.strip()
    fields = ["status", "notes"]
    if changed:
        progress.status_changed_at = timezone.now()
        progress.status_changed_by = actor
        fields += ["status_changed_at", "status_changed_by"]
    _save_locked(progress, lock_version=lock_version, fields=fields)
    agreement.progress = progress
    # The deadline follows the newest text of this agreement (draft included).
    newest = (
        SafetyAgreement.objects.filter(progress=progress)
        .select_related("owner_organisation", "owner_user", "progress")
        .order_by("-version__number")
        .first()
    )
    newest.progress = progress
    _sync_agreement(newest, case=case)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=progress)
    return progress


# --- scale scores --------------------------------------------------------------------------


@transaction.atomic
def scale_score_record(*, actor: User, risk: Risk, score, note: str = "") -> ScaleScore:
    risk = Risk.objects.select_related("plan__case").get(pk=risk.pk)
    case = risk.plan.case
    if not permissions.can_record_score(actor, case):
        raise PermissionDenied
    _open_case(case)
    if not isinstance(score, int) or isinstance(score, bool) or not 0 <= score <= 10:
        raise ValidationError({"score": _("Een score op de veiligheidsschaal loopt van 0 tot 10.")})
    entry = ScaleScore.objects.create(
        risk=risk,
        score=score,
        note=note.strip()[:500],
        recorded_at=timezone.now(),
        recorded_by=actor,
        organisation=actor.organisation,
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=entry)
    return entry


# --- recovery plans ------------------------------------------------------------------------


@transaction.atomic
def recovery_plan_save(
    *,
    actor: User,
    version: PlanVersion,
    person: Person,
    goals: str,
    support: str = "",
    lock_version: int | None = None,
) -> RecoveryPlan:
    version = _editable_draft(actor=actor, version=version)
    case = version.plan.case
    if person.case_id != case.pk:
        raise PermissionDenied
    if not goals.strip():
        raise ValidationError({"goals": _("Beschrijf de hersteldoelen.")})
    recovery = version.recovery_plans.filter(person=person).first()
    if recovery is None:
        recovery = RecoveryPlan.objects.create(
            version=version, person=person, goals=goals.strip(), support=support.strip()
        )
        audit_record(actor=actor, action=Action.CREATE, case=case, obj=recovery, persons=[person])
        return recovery
    recovery.goals, recovery.support = goals.strip(), support.strip()
    _save_locked(recovery, lock_version=lock_version, fields=["goals", "support"])
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=recovery, persons=[person])
    return recovery


# --- adoption and acknowledgement ----------------------------------------------------------


def adoption_problems(version: PlanVersion) -> list[str]:
    """What still stands in the way of adopting this draft, in sentences for the page."""
    problems = []
    items = list(
        version.risk_items.filter(status=ItemStatus.ACTIVE).prefetch_related(
            "conditions", "agreements"
        )
    )
    if not items:
        problems.append(_("Het plan heeft nog geen onveilige situatie in de Top-3."))
    if len(items) > MAX_RISK_ITEMS:
        problems.append(_("Het plan heeft meer dan drie onveilige situaties."))
    for item in items:
        if not item.conditions.all():
            problems.append(
                _("Situatie %(rank)s (%(title)s) heeft nog geen veiligheidsvoorwaarde.")
                % {"rank": item.rank, "title": item.title}
            )
        if not item.agreements.all():
            problems.append(
                _(
                    "Situatie %(rank)s (%(title)s) heeft nog geen afspraak met een eigenaar "
                    "en uiterste datum."
                )
                % {"rank": item.rank, "title": item.title}
            )
    return problems


@transaction.atomic
def plan_adopt(*, actor: User, version: PlanVersion) -> PlanVersion:
    version = _editable_draft(actor=actor, version=version)
    problems = adoption_problems(version)
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    PlanVersion.objects.filter(pk=version.pk, status=VersionStatus.DRAFT).update(
        status=VersionStatus.ADOPTED, adopted_at=now, adopted_by=actor
    )
    version.refresh_from_db()
    case = version.plan.case
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=version)
    transaction.on_commit(
        lambda: notify_case_changed.delay(case_id=case.pk, event_key=f"plan-adopted:{version.pk}")
    )
    return version


@transaction.atomic
def plan_acknowledge(*, actor: User, version: PlanVersion) -> PlanAcknowledgement:
    version = PlanVersion.objects.select_related("plan__case").get(pk=version.pk)
    case = version.plan.case
    if not permissions.can_acknowledge(actor, case):
        raise PermissionDenied
    if version.status != VersionStatus.ADOPTED:
        raise ValidationError(_("Alleen een vastgestelde versie kan voor gezien worden getekend."))
    if version.acknowledgements.filter(organisation_id=actor.organisation_id).exists():
        raise ValidationError(_("Uw organisatie heeft deze versie al voor gezien getekend."))
    try:
        with transaction.atomic():
            ack = PlanAcknowledgement.objects.create(
                version=version, organisation=actor.organisation, acknowledged_by=actor
            )
    except IntegrityError:
        raise ValidationError(
            _("Uw organisatie heeft deze versie al voor gezien getekend.")
        ) from None
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=ack)
    return ack


def plan_export_pdf(*, actor: User, version: PlanVersion, path: str = "") -> bytes:
    """The PDF of an adopted version, recorded as an export of case data."""
    # WeasyPrint (and Pango) load only when someone downloads a PDF, not with every service.
    from safetyplan.pdf import render_version_pdf  # noqa: PLC0415

    version = PlanVersion.objects.select_related("plan__case", "adopted_by").get(pk=version.pk)
    case = version.plan.case
    if not permissions.can_view_plan(actor, case):
        raise PermissionDenied
    if version.status != VersionStatus.ADOPTED:
        raise ValidationError(_("Alleen een vastgestelde versie kan worden gedownload."))
    content = render_version_pdf(version)
    audit_record(actor=actor, action=Action.EXPORT, case=case, obj=version, path=path)
    return content
