# SPDX-License-Identifier: EUPL-1.2
"""Every URL under a case, found through the URL resolver, so new pages are covered
automatically; and a team of users in every role around one case."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import OrganisationKind
from casework.services.cases import membership_add_professional, membership_remove
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_incident, add_person


@dataclass(frozen=True)
class CaseURL:
    view_name: str
    converters: dict  # kwarg name -> converter class name

    def reverse(self, **known) -> str:
        kwargs = {}
        for name, converter in self.converters.items():
            if name in known:
                kwargs[name] = known[name]
            elif converter == "SlugConverter":
                kwargs[name] = "start"
            elif converter in ("StringConverter", "PathConverter"):
                kwargs[name] = "x"
            else:
                kwargs[name] = 1
        return reverse(self.view_name, kwargs=kwargs)


def case_urls() -> list[CaseURL]:
    """Every named URL pattern with a case_pk, from the project's resolver."""
    found = []

    def walk(patterns, namespace, converters):
        for entry in patterns:
            here = {**converters, **_converters(entry)}
            if isinstance(entry, URLResolver):
                ns = namespace
                if entry.namespace:
                    ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                walk(entry.url_patterns, ns, here)
            elif isinstance(entry, URLPattern) and entry.name and "case_pk" in here:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append(CaseURL(name, here))

    walk(get_resolver().url_patterns, "", {})
    unique = {u.view_name: u for u in found}
    return sorted(unique.values(), key=lambda u: u.view_name)


def _converters(entry) -> dict:
    pattern = entry.pattern
    return {name: type(conv).__name__ for name, conv in getattr(pattern, "converters", {}).items()}


ROLES = [
    "coordinator",
    "zvh_manager",
    "partner",
    "partner_manager",
    "municipality_official",
    "functional_admin",
    "log_manager",
]


@dataclass
class Team:
    case: object
    person: object
    membership: object
    zvh: object
    partner_org: object
    municipality_org: object


def case_with_team() -> Team:
    """A started-ready case: coordinating ZVH, police (registering), Veilig Thuis and the
    municipality take part; one person, one incident, one named professional."""
    case = CaseFactory()
    zvh = case.coordinator.organisation
    person = add_person(case, confidential_address="Geheimstraat 1, Opvanghuis (fictief)")
    from tests.factories.cases import add_partner

    partner_org = add_partner(case, kind=OrganisationKind.VEILIG_THUIS)
    municipality_org = add_partner(case, kind=OrganisationKind.MUNICIPALITY)
    named = UserFactory(organisation=partner_org, partner=True)
    membership = membership_add_professional(actor=case.coordinator, case=case, user=named)
    add_incident(case)
    return Team(case, person, membership, zvh, partner_org, municipality_org)


def user_in_role(role: str, *, organisation=None, kind_for_partner=OrganisationKind.VEILIG_THUIS):
    """A user of `role`; without an organisation, one of a fresh organisation (non-member)."""
    traits = {
        "coordinator": {"coordinator": True},
        "zvh_manager": {"zvh_manager": True},
        "partner": {"partner": True},
        "partner_manager": {"manager": True},
        "municipality_official": {"municipality_official": True},
        "functional_admin": {"functional_admin": True},
        "log_manager": {"log_manager": True},
    }[role]
    if organisation is None:
        kind = {
            "partner": kind_for_partner,
            "partner_manager": kind_for_partner,
            "municipality_official": OrganisationKind.MUNICIPALITY,
        }.get(role, OrganisationKind.ZVH)
        organisation = OrganisationFactory(kind=kind)
    return UserFactory(organisation=organisation, **traits)


def member_in_role(team: Team, role: str):
    organisation = {
        "partner": team.partner_org,
        "partner_manager": team.partner_org,
        "municipality_official": team.municipality_org,
    }.get(role, team.zvh)
    return user_in_role(role, organisation=organisation)


def remove_organisation(team: Team, organisation) -> None:
    membership = team.case.memberships.get(
        organisation=organisation, user__isnull=True, removed_at__isnull=True
    )
    membership_remove(actor=team.case.coordinator, case=team.case, membership=membership)
