# SPDX-License-Identifier: EUPL-1.2
"""Conference reads, always through the cases the user may see."""

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.http import Http404

from casework.selectors import case_qs_visible_to
from conferences.models import Action, CaseConference, ConferenceCase


def conference_qs_visible_to(user) -> QuerySet[CaseConference]:
    visible_parts = ConferenceCase.objects.filter(
        conference=OuterRef("pk"), case__in=case_qs_visible_to(user)
    )
    return CaseConference.objects.filter(Exists(visible_parts))


def parts_visible_to(user, conference) -> QuerySet[ConferenceCase]:
    """Only the parts of the cases this user takes part in, with everything they show."""
    return (
        conference.parts.filter(case__in=case_qs_visible_to(user))
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
    try:
        return conference_qs_visible_to(user).get(pk=int(pk))
    except (CaseConference.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
