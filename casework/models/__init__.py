# SPDX-License-Identifier: EUPL-1.2
from casework.models.cases import (
    Case,
    CaseGroupObjectPermission,
    CaseNumberSequence,
    CaseUserObjectPermission,
    ClosureReason,
    ClosureRequest,
    CoordinationTransfer,
    EscalationCriterion,
    Phase,
    Track,
)
from casework.models.history import PhaseChange
from casework.models.incidents import Confidentiality, Incident
from casework.models.membership import CaseMembership, LegalBasis, SharingPurpose
from casework.models.notes import CaseNote
from casework.models.persons import Person, PersonLink
from casework.models.reference import Municipality
from casework.models.timeline import TimelineEvent, TimelineState

__all__ = [
    "Case",
    "CaseGroupObjectPermission",
    "CaseMembership",
    "CaseNote",
    "CaseNumberSequence",
    "CaseUserObjectPermission",
    "ClosureReason",
    "Confidentiality",
    "ClosureRequest",
    "CoordinationTransfer",
    "EscalationCriterion",
    "Incident",
    "LegalBasis",
    "SharingPurpose",
    "Municipality",
    "Person",
    "PersonLink",
    "Phase",
    "PhaseChange",
    "TimelineEvent",
    "TimelineState",
    "Track",
]
