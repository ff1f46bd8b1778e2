# SPDX-License-Identifier: EUPL-1.2
"""Pure guard conditions of the phase machine, each with the sentence the case page shows.

A condition reads the case (and the clock, for the quiet period) and never writes.
"""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrganisationKind

Condition = Callable[[object], bool]

# The attribute on which the case page puts the case's active memberships, loaded once
# (casework.views.cases.case_detail_view); guards and the page read it when it is there.
PAGE_MEMBERSHIPS = "active_memberships_loaded"

# The safety plan's guards (stabilise, recover), registered by safetyplan in its
# AppConfig.ready(): casework never imports the plan. Without a plan app, no case can
# move on, which is the safe answer.
PLAN_GUARDS: dict[str, Condition] = {}


def register_plan_guard(name: str, condition: Condition) -> None:
    PLAN_GUARDS[name] = condition


def _plan_guard(name: str, case) -> bool:
    condition = PLAN_GUARDS.get(name)
    return bool(condition is not None and condition(case))


def guard(message) -> Callable[[Condition], Condition]:
    """Attach the human sentence shown when the condition is not met."""

    def decorate(condition: Condition) -> Condition:
        condition.message = message
        return condition

    return decorate


@guard(_("Er is nog geen slachtoffer geregistreerd."))
def has_victim(case) -> bool:
    # all(): the case page loaded the persons once for every part of it.
    return any(person.is_victim for person in case.persons.all())


@guard(_("Er nemen nog geen twee partnerorganisaties deel."))
def has_two_partner_organisations(case) -> bool:
    loaded = getattr(case, PAGE_MEMBERSHIPS, None)  # the case page loaded them once
    if loaded is not None:
        partners = [
            m for m in loaded if m.user_id is None and m.organisation.kind != OrganisationKind.ZVH
        ]
        return len(partners) >= 2
    return (
        case.memberships.active()
        .organisations()
        .exclude(organisation__kind=OrganisationKind.ZVH)
        .count()
        >= 2
    )


@guard(
    _(
        "Er is nog geen vastgesteld veiligheidsplan waarin alle voorwaarden voor directe veiligheid zijn vervuld."
    )
)
def immediate_safety_reached(case) -> bool:
    return _plan_guard("immediate_safety_reached", case)


@guard(_("Niet elke onveilige situatie heeft risicogestuurde zorgafspraken."))
def care_agreements_in_place(case) -> bool:
    return _plan_guard("care_agreements_in_place", case)


def quiet_period() -> timedelta:
    return settings.CASUSREGIE_QUIET_PERIOD


@guard(_("Er is een incident geweest binnen de rustperiode (standaard zes weken)."))
def quiet_period_passed(case) -> bool:
    since = timezone.now() - quiet_period()
    return not case.incidents.filter(occurred_at__gt=since).exists()


@guard(_("Er is in deze fase geen nieuw incident geregistreerd."))
def new_incident_in_phase(case) -> bool:
    return case.incidents.filter(recorded_at__gte=case.phase_entered_at).exists()


@guard(_("Er is geen openstaand verzoek tot afsluiten."))
def closure_requested(case) -> bool:
    return any(r.status == "pending" for r in case.closure_requests.all())
