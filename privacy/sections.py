# SPDX-License-Identifier: EUPL-1.2
"""The privacy section of the case page: retention, legal holds, informing per person."""

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from config.prepared import PreparedQuery
from privacy import permissions
from privacy.models import PersonInforming, Restriction
from privacy.selectors import case_retention

RESTRICTED_SINCE = "restricted_since"


def restricted_since():
    """Since when a person's processing is restricted (None: not restricted)."""
    return Subquery(
        Restriction.objects.filter(person=OuterRef("pk"), lifted_at__isnull=True).values(
            "granted_at"
        )[:1]
    )


def _informing(*, case_id: int):
    return PersonInforming.objects.filter(person__case_id=case_id).select_related("informed_by")


# Read at every view of the case page by its coordinator: compiled once per process.
_INFORMING = PreparedQuery(_informing, case_id=int)


def case_privacy_section(case, user, now) -> dict:
    today = timezone.localdate(now)
    can_manage = permissions.can_manage_retention(user, case)
    persons = []
    if can_manage:  # informing is the coordinator's task
        informing = {i.person_id: i for i in _INFORMING(case_id=case.pk)}
    # Everyone on the case sees a restriction (not its reason): they must not change,
    # share or export that person's data. Read with the case page's persons (registered in
    # PrivacyConfig.ready); one query of its own elsewhere.
    everyone = list(case.persons.all())
    if not all(hasattr(p, RESTRICTED_SINCE) for p in everyone):
        everyone = list(case.persons.annotate(**{RESTRICTED_SINCE: restricted_since()}))
    restricted = [p for p in everyone if p.restricted_since]
    if can_manage:
        persons = [(p, informing.get(p.pk)) for p in everyone]
    return {
        "restricted": restricted,
        "retention": case_retention(case, today=today),
        "persons": persons,
        "can_manage": can_manage,
        "can_see_history": permissions.can_see_history(user, case),
    }
