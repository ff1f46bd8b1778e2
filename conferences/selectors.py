# SPDX-License-Identifier: EUPL-1.2
"""Conference reads, always through the cases the user may see."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from accounts.models import User
from casework.models import CaseMembership
from casework.selectors import case_rows_visible, case_visible_q
from conferences.models import Action, CaseConference, ConferenceCase


def conference_qs_visible_to(user) -> QuerySet[CaseConference]:
    """The conferences that discuss a case this user may see: each part's case probed by
    its key (casework.selectors.case_rows_visible), not every case the user may see
    gathered for each conference."""
    visible_parts = case_rows_visible(
        ConferenceCase.objects.filter(conference=OuterRef("pk")), user
    )
    return CaseConference.objects.filter(Exists(visible_parts))


def parts_visible_to(user, conference) -> QuerySet[ConferenceCase]:
    """Only the parts of the cases this user takes part in, with everything they show.

    The rule is probed per part (case_visible_q: two index probes per case discussed)
    rather than gathered as every case the user may see: a conference discusses some 20
    cases, a ZVH's staff see 100,000 (80–100 ms a read at that size, docs/performance.md)."""
    return (
        conference.parts.filter(case_visible_q(user))
        .select_related("case", "case__municipality")
        .prefetch_related(
            "agenda",
            "decisions",
            Prefetch(
                "actions",
                queryset=Action.objects.select_related("owner_organisation", "owner_user"),
            ),
        )
    )


def conference_get_for(user, pk) -> CaseConference:
    """One conference discussing a case the user may see, or 404. The parts of this one
    conference are probed (as in parts_visible_to), not every case the user sees."""
    visible_parts = ConferenceCase.objects.filter(conference=OuterRef("pk")).filter(
        case_visible_q(user)
    )
    try:
        return CaseConference.objects.filter(Exists(visible_parts)).get(pk=int(pk))
    except (CaseConference.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


@dataclass
class CaseOwners:
    organisations: list
    people: list


def case_owners(cases) -> dict[int, CaseOwners]:
    """Who can own an action on each case: the organisations taking part, and the people
    named on it (its coordinator and the named professionals). One query for all cases."""
    owners = {case.pk: CaseOwners([], []) for case in cases}
    coordinators = {case.pk: case.coordinator_id for case in cases}
    memberships = (
        CaseMembership.objects.filter(case_id__in=list(owners), removed_at__isnull=True)
        .select_related("organisation", "user__organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "pk")
    )
    named = {pk: set() for pk in owners}
    for membership in memberships:
        entry = owners[membership.case_id]
        if membership.user_id is None:
            entry.organisations.append(membership.organisation)
        elif membership.user.is_active and membership.user_id not in named[membership.case_id]:
            entry.people.append(membership.user)
            named[membership.case_id].add(membership.user_id)
    people = User.objects.select_related("organisation").in_bulk(
        {c for c in coordinators.values() if c}
    )
    for pk, coordinator_id in coordinators.items():
        coordinator = people.get(coordinator_id)
        if coordinator is not None and coordinator.pk not in named[pk]:
            owners[pk].people.insert(0, coordinator)
    return owners
