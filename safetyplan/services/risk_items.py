# SPDX-License-Identifier: EUPL-1.2
"""The Top-3 risk items of a draft: create, update, replace, re-rank."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from safetyplan.models import (
    ItemStatus,
    PlanVersion,
    Risk,
    RiskItem,
)
from safetyplan.services.base import (
    MAX_RISK_ITEMS,
    REQUIRED_RISK_FIELDS,
    RISK_ITEM_FIELDS,
    _clean_text,
    _editable_draft,
    _save_locked,
    _sync_agreement,
    _sync_evaluation,
)


def _check_evaluation(data: dict, *, stored=None) -> None:
    """An evaluation moment in the past is refused, like an agreement's date; a date kept
    unchanged from before may stay."""
    moment = data.get("next_evaluation")
    if isinstance(moment, date) and moment < timezone.localdate() and moment != stored:
        raise ValidationError({"next_evaluation": _("Het evaluatiemoment ligt in het verleden.")})


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
    _check_evaluation(data)
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
    _check_evaluation(data, stored=item.next_evaluation)
    if data.get("next_evaluation") != item.next_evaluation:
        # A date set anew by the plan's author replaces a manager's earlier decision.
        Risk.objects.filter(pk=item.risk_id).update(
            decided_evaluation=None, decided_by=None, decided_at=None
        )
        item.risk.decided_evaluation = None
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
    _check_evaluation(data)
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
