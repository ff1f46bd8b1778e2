# SPDX-License-Identifier: EUPL-1.2
"""Permission predicates of the perpetrator's track (pure, like casework.permissions)."""

from accounts.models import OrganisationKind, Role
from casework.models import Confidentiality
from casework.permissions import can_manage_case, can_record_incident, can_view_case

# Probation and police keep the track; the case's own coordinator may record on their behalf.
RECORDING_KINDS = {OrganisationKind.POLICE, OrganisationKind.PROBATION}


def _kind(user) -> str:
    return user.organisation.kind if getattr(user, "organisation", None) else ""


def can_record_track(user, case) -> bool:
    if not can_view_case(user, case) or not can_record_incident(user, case):
        return False
    if user.role == Role.COORDINATOR:
        return can_manage_case(user, case)
    return user.role == Role.PARTNER and _kind(user) in RECORDING_KINDS


def can_view_track_item(user, item) -> bool:
    """The rule of incidents (casework.permissions.can_view_incident), for one item whose
    case the user already sees: team, sector (plus the coordinator), own organisation."""
    if item.confidentiality == Confidentiality.TEAM:
        return True
    organisation = getattr(user, "organisation", None)
    if item.confidentiality == Confidentiality.ORGANISATION:
        return organisation is not None and organisation.pk == item.reported_by_organisation_id
    return user.role == Role.COORDINATOR or (
        organisation is not None and organisation.sector == item.sector
    )
