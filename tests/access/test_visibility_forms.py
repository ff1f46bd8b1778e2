# SPDX-License-Identifier: EUPL-1.2
"""The faster forms of `case_qs_visible_to` (issue 14) answer exactly what the grants say.

`case_qs_visible_to` tests three things instead of reading the grant tables by name: the
case's coordinating organisation (a group the user is in), the group grants (by the user's
group ids and the permission's id) and the user's own grants. These tests hold the facts
that make it the same set: the coordinating organisation's group always holds view_case
on the case, through every service that moves coordination or removes a partner, and the
grants carry the case content type's permission."""

from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType

from accounts.models import OrganisationKind, User
from bench.region import generate_region
from casework.models import (
    Case,
    CaseGroupObjectPermission,
    CaseMembership,
    CaseUserObjectPermission,
)
from casework.selectors import (
    case_granted_q,
    case_qs_visible_to,
    case_rows_visible,
    case_visible_q,
)
from casework.services.cases import membership_add_professional, membership_remove
from casework.services.coordination import (
    coordination_transfer_decide,
    coordination_transfer_request,
)
from tests.access.helpers import case_with_team
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import add_partner

pytestmark = pytest.mark.django_db
ANCHOR = date(2026, 11, 2)


def _granted_by_name(user, codename="view_case") -> set[int]:
    """The grants as guardian reads them: by the user's groups and the permission's name."""
    via_group = CaseGroupObjectPermission.objects.filter(
        group__user=user, permission__codename=codename
    ).values_list("content_object_id", flat=True)
    via_user = CaseUserObjectPermission.objects.filter(
        user=user, permission__codename=codename
    ).values_list("content_object_id", flat=True)
    return set(via_group) | set(via_user)


def _visible_by_grants(user) -> set[int]:
    if not (user.is_active and user.has_perm("casework.view_case")):
        return set()
    return _granted_by_name(user)


def _cases_whose_coordinator_lacks_view_case() -> list[int]:
    return [
        case.pk
        for case in Case.objects.select_related("coordinating_organisation")
        if not CaseGroupObjectPermission.objects.filter(
            content_object=case,
            group_id=case.coordinating_organisation.group_id,
            permission__codename="view_case",
        ).exists()
    ]


def _assert_every_user_sees_exactly_their_grants():
    for user in User.objects.all():
        visible = set(case_qs_visible_to(user).values_list("pk", flat=True))
        assert visible == _visible_by_grants(user), user.username
        # The same rule as a condition on rows pointing to a case (the escalation queue).
        probed = set(
            CaseMembership.objects.filter(case_visible_q(user)).values_list("case_id", flat=True)
        )
        assert probed == visible & set(CaseMembership.objects.values_list("case_id", flat=True))
        # and with each row's case probed by its key (the queue, huisverboden, conferences)
        by_key = case_rows_visible(CaseMembership.objects.all(), user)
        assert set(by_key.values_list("case_id", flat=True)) == probed
        # and on the case table itself (case_get_for, case_is_visible, the search)
        on_cases = Case.objects.filter(case_visible_q(user, case_field="pk"))
        assert set(on_cases.values_list("pk", flat=True)) == visible
        for codename in ("view_case", "manage_case"):
            # The per-case probe of a grant (can_run_conference's manage_case)
            probe = case_granted_q(user, codename, case_field="pk")
            granted = set(Case.objects.filter(probe).values_list("pk", flat=True))
            assert granted == _granted_by_name(user, codename)


def test_on_a_generated_region_every_user_sees_exactly_their_grants():
    generate_region(cases=40, seed=3, users=120, anchor=ANCHOR)
    assert _cases_whose_coordinator_lacks_view_case() == []
    _assert_every_user_sees_exactly_their_grants()


def test_every_grant_carries_the_case_permission_of_its_name():
    generate_region(cases=20, seed=4, users=120, anchor=ANCHOR)
    case_type = ContentType.objects.get_for_model(Case)
    for model in (CaseGroupObjectPermission, CaseUserObjectPermission):
        assert model.objects.exists()
        assert not model.objects.exclude(permission__content_type=case_type).exists()
    for codename in ("view_case", "manage_case", "record_incident"):
        assert Permission.objects.filter(content_type=case_type, codename=codename).count() == 1


def test_the_coordinating_group_keeps_view_case_through_transfers_and_removals():
    team = case_with_team()
    case = team.case
    partner_zvh = add_partner(case, kind=OrganisationKind.ZVH)  # a second ZVH, a partner
    partner_coordinator = UserFactory(organisation=partner_zvh, coordinator=True)
    membership_add_professional(actor=case.coordinator, case=case, user=partner_coordinator)
    outsider_zvh = OrganisationFactory(kind=OrganisationKind.ZVH)
    outsider = UserFactory(organisation=outsider_zvh, coordinator=True)
    assert _cases_whose_coordinator_lacks_view_case() == []
    _assert_every_user_sees_exactly_their_grants()

    # To a ZVH that already takes part in the case.
    former_coordinator = case.coordinator
    transfer = coordination_transfer_request(
        actor=case.coordinator, case=case, to_coordinator=partner_coordinator, reason="Verhuisd."
    )
    coordination_transfer_decide(actor=partner_coordinator, transfer=transfer, accept=True)
    case.refresh_from_db()
    assert case.coordinating_organisation == partner_zvh
    assert _cases_whose_coordinator_lacks_view_case() == []
    _assert_every_user_sees_exactly_their_grants()
    # The former coordinating ZVH is now an ordinary partner: it still sees the case
    # through its group grant although it no longer coordinates it, until it is removed.
    assert case_qs_visible_to(former_coordinator).filter(pk=case.pk).exists()
    former = case.memberships.get(organisation=team.zvh, user__isnull=True)
    membership_remove(actor=partner_coordinator, case=case, membership=former)
    assert not case_qs_visible_to(former_coordinator).filter(pk=case.pk).exists()
    _assert_every_user_sees_exactly_their_grants()

    # To a ZVH that did not take part yet.
    transfer = coordination_transfer_request(
        actor=partner_coordinator, case=case, to_coordinator=outsider, reason="Verhuisd."
    )
    coordination_transfer_decide(actor=outsider, transfer=transfer, accept=True)
    case.refresh_from_db()
    assert case.coordinating_organisation == outsider_zvh
    assert _cases_whose_coordinator_lacks_view_case() == []
    _assert_every_user_sees_exactly_their_grants()


def test_a_user_outside_the_coordinating_group_does_not_see_by_coordination():
    """Coordination counts only through the group: a ZVH colleague whose role may not view
    cases, and an inactive one, see nothing, like their grants say."""
    team = case_with_team()
    colleague = UserFactory(organisation=team.zvh, coordinator=True)
    assert case_qs_visible_to(colleague).filter(pk=team.case.pk).exists()
    colleague.is_active = False
    assert not case_qs_visible_to(colleague).exists()
    _assert_every_user_sees_exactly_their_grants()


def _queue_by_definition(user) -> set[int]:
    """The escalation queue as its rule says it, in Python: open, of the manager's
    organisation or of a case one of its people coordinates, on a case they may see."""
    from deadlines.models import Escalation

    if not (user.role == "manager" and user.organisation_id):
        return set()
    visible = _visible_by_grants(user)
    return {
        e.pk
        for e in Escalation.objects.filter(status="open").select_related("case__coordinator")
        if e.case_id in visible
        and (
            e.owner_organisation_id == user.organisation_id
            or (e.case.coordinator and e.case.coordinator.organisation_id == user.organisation_id)
        )
    }


def test_the_escalation_queue_probes_each_case_and_answers_what_its_rule_says():
    """escalation_queue_for reads each escalation's case by key (scalar subqueries) instead
    of joining all cases (issue 14): the same queue, for every manager of a region."""
    from deadlines.models import Escalation
    from deadlines.selectors import _WAITING, escalation_queue_for, escalations_waiting

    generate_region(cases=60, seed=5, users=120, anchor=ANCHOR)
    assert Escalation.objects.filter(status="open").exists()
    managers = User.objects.filter(role="manager")
    seen = 0
    for user in managers:
        queue = set(escalation_queue_for(user).values_list("pk", flat=True))
        assert queue == _queue_by_definition(user), user.username
        assert escalation_queue_for(user).count() == len(queue)
        # the navigation's count: a kept query of the same rule (it has fewer than 99 here)
        assert escalations_waiting(user) == len(queue), user.username
        seen += len(queue)
    assert seen  # some manager has a queue, so the comparison says something
    assert _WAITING.is_kept()
