# SPDX-License-Identifier: EUPL-1.2
"""What every safety-plan service shares: the Top-3 fields, the draft that may be edited, the
save that someone else overtook (StaleEditError), the owner check and the deadline sync."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Organisation, User
from casework.models import Case
from casework.selectors import owner_errors
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from deadlines.services.sync import deadline_sync
from safetyplan import permissions
from safetyplan.models import (
    AgreementProgress,
    AgreementStatus,
    FrozenVersionError,
    PlanVersion,
    Risk,
    RiskItem,
    SafetyAgreement,
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
    """Compare-and-set on lock_version: the save only lands when nobody saved in between.
    A save without its version token is refused exactly like a stale one: without the
    version it started from, nobody can tell whether it overwrites someone else's text."""
    model = type(obj)
    values = {name: getattr(obj, name) for name in fields}
    query = model.objects.filter(pk=obj.pk, lock_version=lock_version)
    if lock_version is None or not query.update(**values, lock_version=F("lock_version") + 1):
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
    progress = agreement.progress
    decided_owner = progress.decided_owner_organisation_id is not None
    deadline_sync(
        case=case,
        kind=DeadlineKind.AGREEMENT,
        source=progress,
        title=agreement.description,
        owner_organisation=(
            progress.decided_owner_organisation if decided_owner else agreement.owner_organisation
        ),
        owner_user=progress.decided_owner_user if decided_owner else agreement.owner_user,
        due_date=progress.decided_due_date or agreement.due_date,
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
        owner_organisation=existing.owner_organisation
        if existing
        else case.coordinator.organisation,
        owner_user=existing.owner_user if existing else case.coordinator,
        due_date=item.risk.decided_evaluation or item.next_evaluation,
    )


def _check_owner(case: Case, organisation: Organisation | None, user: User | None) -> None:
    errors = owner_errors(
        case, organisation, user, missing=_("Kies de organisatie die de afspraak uitvoert.")
    )
    if errors:
        raise ValidationError(errors)
