# SPDX-License-Identifier: EUPL-1.2
"""A manager's escalation decision flows back to the plan (registered with
deadlines.registry in SafetyplanConfig.ready()), so plan and deadline never disagree.

Called inside escalation_decide's transaction, after the Deadline row was changed."""

from django.utils import timezone

from deadlines.models import EscalationDecision
from safetyplan.models import AgreementProgress, Risk


def agreement_decided(*, deadline, escalation, actor) -> None:
    changes = {"decided_by": actor, "decided_at": timezone.now()}
    if escalation.decision == EscalationDecision.NEW_DATE:
        changes["decided_due_date"] = escalation.new_due_date
    elif escalation.decision == EscalationDecision.REASSIGN:
        changes["decided_owner_organisation"] = escalation.new_owner_organisation
        changes["decided_owner_user"] = escalation.new_owner_user
    else:
        return
    AgreementProgress.objects.filter(pk=deadline.source_id).update(**changes)


def evaluation_decided(*, deadline, escalation, actor) -> None:
    if escalation.decision != EscalationDecision.NEW_DATE:
        return  # the evaluation's owner lives on the deadline row only
    Risk.objects.filter(pk=deadline.source_id).update(
        decided_evaluation=escalation.new_due_date, decided_by=actor, decided_at=timezone.now()
    )
