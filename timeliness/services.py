# SPDX-License-Identifier: EUPL-1.2
"""Writes of the time limits: the scan that records misses, and the coordinator's reason.

A miss becomes a Deadline row of the coordinator (kind "target"): the deadline engine
reminds them on its date and, past the grace period, escalates it to the managers. The
deadline is done once the reason is recorded.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, Phase, Track
from deadlines.clock import AMSTERDAM
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from timeliness.models import Target, TargetMiss
from timeliness.permissions import can_explain_miss
from timeliness.selectors import CODE_ROOD_ONLY, ONE_OFF, moment_expressions, target_limits

SOURCE_TYPE = "timeliness.targetmiss"


def _one_off_misses(*, target: str, limit: timedelta, now: datetime) -> list[TargetMiss]:
    """Open cases whose one-off target fell due within the look-back window and was not met
    in time, without a recorded miss yet. One query on the registration index."""
    lookback = timedelta(days=settings.CASUSREGIE_TARGET_SCAN_LOOKBACK_DAYS)
    moment = ONE_OFF[target]
    qs = Case.objects.exclude(phase=Phase.CLOSED).filter(
        registered_at__lt=now - limit, registered_at__gte=now - limit - lookback
    )
    if target in CODE_ROOD_ONLY:
        qs = qs.filter(track=Track.CODE_ROOD)
    qs = (
        qs.filter(~Exists(TargetMiss.objects.filter(case=OuterRef("pk"), target=target)))
        .annotate(**{moment: moment_expressions(now)[moment]})
        .filter(
            Q(**{f"{moment}__isnull": True}) | Q(**{f"{moment}__gt": F("registered_at") + limit})
        )
    )
    return [
        TargetMiss(case_id=pk, target=target, due_at=registered_at + limit, detected_at=now)
        for pk, registered_at in qs.values_list("pk", "registered_at")
    ]


def _weekly_misses(*, limit: timedelta, now: datetime) -> list[TargetMiss]:
    """Cases in immediate safety not discussed for longer than the limit: one miss per
    missed review (a case left three weeks is one miss until it is discussed again)."""
    reviewed = moment_expressions(now)["t_reviewed_at"]
    qs = (
        Case.objects.filter(phase=Phase.IMMEDIATE_SAFETY, phase_entered_at__lt=now - limit)
        .annotate(t_reviewed_at=reviewed)
        .filter(Q(t_reviewed_at__isnull=True) | Q(t_reviewed_at__lt=now - limit))
    )
    misses = []
    for pk, entered, last in qs.values_list("pk", "phase_entered_at", "t_reviewed_at"):
        since = last if last is not None and last > entered else entered
        misses.append(
            TargetMiss(
                case_id=pk, target=Target.WEEKLY_REVIEW, due_at=since + limit, detected_at=now
            )
        )
    return misses


def _deadlines_for_new_misses(*, now: datetime) -> int:
    """A Deadline of the coordinator for each miss of the last day that has none yet."""
    due_date = now.astimezone(AMSTERDAM).date() + timedelta(
        days=settings.CASUSREGIE_TARGET_REASON_DAYS
    )
    has_deadline = Deadline.objects.filter(source_type=SOURCE_TYPE, source_id=OuterRef("pk"))
    fresh = (
        TargetMiss.objects.filter(detected_at__gte=now - timedelta(days=1))
        .filter(~Exists(has_deadline))
        .values_list(
            "pk",
            "target",
            "case_id",
            "case__coordinator_id",
            "case__coordinating_organisation_id",
            "case__registering_organisation_id",
        )
    )
    rows = [
        Deadline(
            case_id=case_id,
            kind=DeadlineKind.TARGET,
            source_type=SOURCE_TYPE,
            source_id=pk,
            title=(
                _("Streeftermijn gemist: %(target)s. Leg de reden vast.")
                % {"target": Target(target).label}
            )[:300],
            owner_organisation_id=coordinating or registering,
            owner_user_id=coordinator,
            due_date=due_date,
        )
        for pk, target, case_id, coordinator, coordinating, registering in fresh
    ]
    return len(Deadline.objects.bulk_create(rows, ignore_conflicts=True))


@transaction.atomic
def targets_scan(*, now: datetime) -> int:
    """Record every target missed since the last scan, and give each miss its deadline
    (a step of the every-minute deadline scan). Idempotent: a miss exists once per (case,
    target, due moment), a deadline once per miss. A fixed number of queries, whatever the
    number of cases."""
    limits = target_limits()
    misses = []
    for target, limit in limits.items():
        if target == Target.WEEKLY_REVIEW:
            misses += _weekly_misses(limit=limit, now=now)
        else:
            misses += _one_off_misses(target=target, limit=limit, now=now)
    if misses:
        TargetMiss.objects.bulk_create(misses, ignore_conflicts=True)
    return _deadlines_for_new_misses(now=now)


@transaction.atomic
def target_miss_explain(
    *, actor: User, miss: TargetMiss, reason: str, now: datetime | None = None
) -> TargetMiss:
    """The coordinator records why the target was missed; the miss's deadline is done."""
    now = now or timezone.now()
    miss = TargetMiss.objects.select_for_update().select_related("case").get(pk=miss.pk)
    if not can_explain_miss(actor, miss.case):
        raise PermissionDenied
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Schrijf op waarom de streeftermijn niet is gehaald.")})
    action = Action.UPDATE if miss.reason else Action.CREATE
    miss.reason, miss.reason_by, miss.reason_at = reason, actor, now
    miss.save(update_fields=["reason", "reason_by", "reason_at"])
    Deadline.objects.filter(
        source_type=SOURCE_TYPE, source_id=miss.pk, status=DeadlineStatus.OPEN
    ).update(status=DeadlineStatus.DONE, completed_at=now, updated_at=now)
    audit_record(actor=actor, action=action, case=miss.case, obj=miss)
    return miss
