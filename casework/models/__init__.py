# SPDX-License-Identifier: EUPL-1.2
from casework.models.cases import (
    Case,
    CaseGroupObjectPermission,
    CaseNumberSequence,
    CaseUserObjectPermission,
    ClosureReason,
    ClosureRequest,
    EscalationCriterion,
    Phase,
    Track,
)
from casework.models.deadlines import Deadline, DeadlineKind, DeadlineStatus
from casework.models.escalations import (
    Escalation,
    EscalationDecision,
    EscalationStatus,
    Reminder,
    ReminderDelivery,
    ReminderKind,
    ReminderStatus,
)
from casework.models.history import PhaseChange
from casework.models.huisverbod import (
    Huisverbod,
    HuisverbodStatus,
    ImposingAuthority,
    Toetsing,
    ToetsingOutcome,
)
from casework.models.incidents import Confidentiality, Incident
from casework.models.membership import CaseMembership
from casework.models.notifications import Notification
from casework.models.persons import Person
from casework.models.reference import Municipality

__all__ = [
    "Case",
    "CaseGroupObjectPermission",
    "CaseMembership",
    "CaseNumberSequence",
    "CaseUserObjectPermission",
    "ClosureReason",
    "Confidentiality",
    "ClosureRequest",
    "Deadline",
    "DeadlineKind",
    "DeadlineStatus",
    "Escalation",
    "EscalationCriterion",
    "EscalationDecision",
    "EscalationStatus",
    "Huisverbod",
    "HuisverbodStatus",
    "ImposingAuthority",
    "Incident",
    "Municipality",
    "Notification",
    "Person",
    "Phase",
    "PhaseChange",
    "Reminder",
    "ReminderDelivery",
    "ReminderKind",
    "ReminderStatus",
    "Toetsing",
    "ToetsingOutcome",
    "Track",
]
