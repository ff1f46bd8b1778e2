# SPDX-License-Identifier: EUPL-1.2
"""Restriction of processing (AVG art. 18): what a granted restriction stops.

The restriction itself is recorded by the contact point in the privacy room (above this
one), which registers how to find it here. A restricted person's data stay stored and
readable by the case team; they are not changed, not shared with a newly added partner and
not exported until the restriction is lifted (docs/privacy.md).
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class RestrictedError(ValidationError):
    """A refusal because of a restriction: the page shows its message."""


_finders: list[Callable[[Iterable[int]], set[int]]] = []


def register_restriction_finder(finder: Callable[[Iterable[int]], set[int]]) -> None:
    """``finder(person_ids)`` returns the ids among them under an active restriction."""
    if finder not in _finders:
        _finders.append(finder)


def restricted_person_ids(person_ids: Iterable[int]) -> set[int]:
    person_ids = list(person_ids)
    found: set[int] = set()
    for finder in _finders:
        found |= finder(person_ids)
    return found


def refuse_change(person) -> None:
    if restricted_person_ids([person.pk]):
        raise RestrictedError(
            _(
                "De verwerking van de gegevens van deze betrokkene is beperkt (AVG art. 18): "
                "wijzigen kan pas als de contactpersoon privacy de beperking heeft opgeheven."
            )
        )


def refuse_sharing(case) -> None:
    if restricted_person_ids(case.persons.values_list("pk", flat=True)):
        raise RestrictedError(
            _(
                "De verwerking van de gegevens van een betrokkene in deze casus is beperkt "
                "(AVG art. 18): een nieuwe partner kan pas deelnemen als de beperking is "
                "opgeheven."
            )
        )


def refuse_export(case) -> None:
    if restricted_person_ids(case.persons.values_list("pk", flat=True)):
        raise RestrictedError(
            _(
                "De verwerking van de gegevens van een betrokkene in deze casus is beperkt "
                "(AVG art. 18): exporteren kan pas als de beperking is opgeheven."
            )
        )
