# SPDX-License-Identifier: EUPL-1.2
"""Pure permission predicates: can_<verb>_<noun>(user, obj) -> bool.

Access to a case always needs two things: the role's model permission (what kind of thing
this role may do at all) and the object permission on this case, which comes only from
taking part in it (django-guardian, direct foreign-key permission models).
"""

from accounts.models import OrganisationKind, Role
from config.prepared import PreparedQuery

_CACHE = "_casusregie_case_perms"
_TEAM_CACHE = "_casusregie_named_on"


def _case_perms(user, case) -> frozenset[str]:
    """The object permissions the user holds on this case (directly or through their
    organisation's group), read once per user object: a page asks many questions about
    one case, and a request has one user object. Services that change access on a case
    forget what they cached on the objects they hold (forget_case_perms)."""
    cache = user.__dict__.setdefault(_CACHE, {})
    if case.pk not in cache:
        cache[case.pk] = _read_case_perms(user, case)
    return cache[case.pk]


def _case_perms_query(*, user_id: int, case_id: int):
    """Direct and group object permissions in one query (a UNION of the two guardian
    tables), where guardian's checker needs two."""
    # casework.models imports this module (the transitions' permission adapters).
    from casework.models import CaseGroupObjectPermission, CaseUserObjectPermission  # noqa: PLC0415

    direct = CaseUserObjectPermission.objects.filter(
        content_object_id=case_id, user_id=user_id
    ).values_list("permission__codename", flat=True)
    via_group = CaseGroupObjectPermission.objects.filter(
        content_object_id=case_id, group__user=user_id
    ).values_list("permission__codename", flat=True)
    return direct.union(via_group)


# Asked on every page of a case: compiled once per process (issue 14).
_CASE_PERMS = PreparedQuery(_case_perms_query, user_id=int, case_id=int)


def _read_case_perms(user, case) -> frozenset[str]:
    if not (user.is_authenticated and user.is_active):
        return frozenset()
    return frozenset(_CASE_PERMS(user_id=user.pk, case_id=case.pk))


# The cases this user object was found to see (casework.selectors.case_is_visible): one
# request's worth, dropped with the other caches when access changes.
VISIBLE_CACHE = "_casusregie_visible_cases"


def forget_case_perms(*users) -> None:
    for user in users:
        if user is not None:
            user.__dict__.pop(_CACHE, None)
            user.__dict__.pop(_TEAM_CACHE, None)
            user.__dict__.pop(VISIBLE_CACHE, None)


def _has(user, perm: str, case) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.has_perm(f"casework.{perm}")
        and perm in _case_perms(user, case)
    )


def can_view_case(user, case) -> bool:
    return _has(user, "view_case", case)


def can_manage_case(user, case) -> bool:
    """Coordinator of the ZVH that runs the case (its coordinating organisation): persons,
    partners, phases. A coordinator of another ZVH taking part is an ordinary partner."""
    return bool(
        user.role == Role.COORDINATOR
        and user.organisation_id is not None
        and user.organisation_id == case.coordinating_organisation_id
        and _has(user, "manage_case", case)
    )


def can_register_case(user) -> bool:
    return bool(
        user.is_authenticated
        and user.role == Role.COORDINATOR
        and user.has_perm("casework.add_case")
    )


def can_record_incident(user, case) -> bool:
    return _has(user, "record_incident", case)


def can_decide_closure(user, case) -> bool:
    """A manager approves or refuses closing (four-eyes is checked by the service)."""
    return user.role == Role.MANAGER and _has(user, "view_case", case)


def _named_on_team(user, case) -> bool:
    cache = user.__dict__.setdefault(_TEAM_CACHE, {})
    if case.pk not in cache:
        cache[case.pk] = case.memberships.filter(user=user, removed_at__isnull=True).exists()
    return cache[case.pk]


def can_view_confidential_address(user, case) -> bool:
    """A shelter address is for the shelter organisation taking part and for the case's own
    coordinators — the assigned coordinator and coordinators named on the case team —
    nobody else (not every coordinator of the ZVH, not a second ZVH, no manager)."""
    if not can_view_case(user, case):
        return False
    if user.organisation is not None and user.organisation.kind == OrganisationKind.SHELTER:
        return True
    if user.role != Role.COORDINATOR:
        return False
    return case.coordinator_id == user.pk or _named_on_team(user, case)


# Adapters for django-fsm's @transition(permission=...), which calls (instance, user).
def transition_by_coordinator(case, user) -> bool:
    return can_manage_case(user, case)


def transition_by_manager(case, user) -> bool:
    return can_decide_closure(user, case)


# --- Confidentiality within a case ------------------------------------------------------
def can_view_incident(user, incident) -> bool:
    """Team: every case member. Sector: that sector, plus the coordinator. Organisation:
    only the organisation that recorded it."""
    # casework.models imports this module (the transitions' permission adapters).
    from casework.models.incidents import Confidentiality  # noqa: PLC0415

    if not can_view_case(user, incident.case):
        return False
    if incident.confidentiality == Confidentiality.TEAM:
        return True
    organisation = user.organisation
    if incident.confidentiality == Confidentiality.ORGANISATION:
        return organisation is not None and organisation.pk == incident.reported_by_organisation_id
    return user.role == Role.COORDINATOR or (
        organisation is not None and organisation.sector == incident.sector
    )
