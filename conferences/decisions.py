# SPDX-License-Identifier: EUPL-1.2
"""A manager's escalation decision on a conference action changes the action itself
(registered with deadlines.registry in ConferencesConfig.ready())."""

from conferences.models import Action
from deadlines.models import EscalationDecision


def action_decided(*, deadline, escalation, actor) -> None:
    if escalation.decision == EscalationDecision.NEW_DATE:
        Action.objects.filter(pk=deadline.source_id).update(due_date=escalation.new_due_date)
    elif escalation.decision == EscalationDecision.REASSIGN:
        Action.objects.filter(pk=deadline.source_id).update(
            owner_organisation=escalation.new_owner_organisation,
            owner_user=escalation.new_owner_user,
        )
