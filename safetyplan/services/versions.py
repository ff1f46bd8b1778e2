# SPDX-License-Identifier: EUPL-1.2
"""Plan versions: start a draft, its summary, adoption, recovery plans and the PDF export."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework import restrictions
from casework.models import Case, Person
from notifications.tasks import notify_case_changed
from safetyplan import permissions
from safetyplan.models import (
    ItemStatus,
    PlanVersion,
    RecoveryPlan,
    SafetyPlan,
    VersionStatus,
)
from safetyplan.services.base import (
    MAX_RISK_ITEMS,
    _editable_draft,
    _open_case,
    _save_locked,
)


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


def plan_export_pdf(*, actor: User, version: PlanVersion, path: str = "") -> bytes:
    """The PDF of an adopted version, recorded as an export of case data."""
    version = PlanVersion.objects.select_related("plan__case", "adopted_by").get(pk=version.pk)
    case = version.plan.case
    if not permissions.can_view_plan(actor, case):
        raise PermissionDenied
    if version.status != VersionStatus.ADOPTED:
        raise ValidationError(_("Alleen een vastgestelde versie kan worden gedownload."))
    restrictions.refuse_export(case)
    # WeasyPrint (and Pango) load only when someone downloads a PDF, not with every service.
    from safetyplan.pdf import render_version_pdf  # noqa: PLC0415

    content = render_version_pdf(version)
    audit_record(actor=actor, action=Action.EXPORT, case=case, obj=version, path=path)
    return content
