# SPDX-License-Identifier: EUPL-1.2
"""How casework's own events are told to people (registered with notifications in
CaseworkConfig.ready()). Messages carry the case reference, never names or addresses."""

from django.utils.translation import gettext as _

from accounts.models import Role, User
from casework.models import Case, ClosureRequest, PhaseChange
from casework.models.cases import Phase, Track
from casework.selectors import case_team_ids
from notifications.registry import Described, register_event


def _case(case_id: int) -> Case:
    return Case.objects.select_related("coordinator").get(pk=case_id)


def describe_phase_change(case_id: int, pk: str) -> Described:
    case = _case(case_id)
    change = PhaseChange.objects.get(pk=pk, case=case)
    # The phase (or track) of this change, not the case's current one: a later change
    # must not rewrite what an earlier notification says.
    if change.field == "phase":
        message = _("Casus %(ref)s is naar de fase %(phase)s gegaan.") % {
            "ref": case.reference,
            "phase": Phase(change.to_state).label,
        }
    else:
        message = _("Casus %(ref)s valt nu onder %(track)s.") % {
            "ref": case.reference,
            "track": Track(change.to_state).label,
        }
    return Described(message, case_team_ids(case))


def describe_closure_request(case_id: int, pk: str) -> Described:
    case = _case(case_id)
    ClosureRequest.objects.get(pk=pk, case=case)
    managers = User.objects.filter(
        role=Role.MANAGER, organisation_id=case.coordinator.organisation_id, is_active=True
    ).values_list("pk", flat=True)
    message = _("Voor casus %(ref)s is afsluiten aangevraagd; een manager moet beslissen.") % {
        "ref": case.reference
    }
    return Described(message, case_team_ids(case) | set(managers))


def describe_closure_decision(case_id: int, pk: str) -> Described:
    case = _case(case_id)
    request = ClosureRequest.objects.get(pk=pk, case=case)
    template = (
        _("Afsluiten van casus %(ref)s is goedgekeurd.")
        if request.status == ClosureRequest.Status.APPROVED
        else _("Afsluiten van casus %(ref)s is geweigerd.")
    )
    return Described(template % {"ref": case.reference}, case_team_ids(case))


def register() -> None:
    register_event("phase-change", describe_phase_change)
    register_event("closure-request", describe_closure_request)
    register_event("closure-decision", describe_closure_decision)
