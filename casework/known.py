# SPDX-License-Identifier: EUPL-1.2
"""Already known? (issue 16) — a person with the same name and date of birth on another
case that is open, or closed less than twelve months ago (the MARAC repeat referral).

The coordinator is told the other case's reference only when they may see that case;
otherwise only that the person is known elsewhere, so this check reveals no more than
"ask the ZVH"."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from casework.models import Person, Phase
from casework.selectors import case_qs_visible_to
from casework.text import fold

REPEAT_WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class KnownMatch:
    person: Person
    reference: str  # empty when the user may not see that case


def known_elsewhere(
    *, user, case, first_name: str, last_name: str, date_of_birth: date, now: datetime
) -> list[KnownMatch]:
    if not (first_name and last_name and date_of_birth):
        return []
    matches = list(
        Person.objects.filter(
            search_name=fold(f"{first_name} {last_name}"), date_of_birth=date_of_birth
        )
        .exclude(case_id=case.pk)
        .exclude(case__phase=Phase.CLOSED, case__phase_entered_at__lt=now - REPEAT_WINDOW)
        .select_related("case")
        .order_by("-case__registered_at")[:10]
    )
    visible = set(
        case_qs_visible_to(user)
        .filter(pk__in={m.case_id for m in matches})
        .values_list("pk", flat=True)
    )
    return [KnownMatch(m, m.case.reference if m.case_id in visible else "") for m in matches]
