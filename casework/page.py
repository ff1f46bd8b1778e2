# SPDX-License-Identifier: EUPL-1.2
"""Sections that apps above casework add to the case page.

The case page is built by one view from one page selector (casework.selectors.case_page).
An app that shows something on it (the huisverbod countdown, say) registers a section in
its AppConfig.ready(): a template and a function (case, user, now) -> dict that reads
through that app's own selectors and decides what the user may do. Templates only show
what the section hands them.
"""

from collections.abc import Callable
from dataclasses import dataclass

from casework.models import Person


@dataclass(frozen=True)
class CaseSection:
    name: str
    template: str
    build: Callable  # (case, user, now) -> dict


SECTIONS: list[CaseSection] = []

# Values a section needs on each person, read with the page's one query of the persons:
# name -> a function returning the expression (a Subquery on OuterRef("pk")).
PERSON_ANNOTATIONS: dict = {}


def register_case_section(section: CaseSection) -> None:
    if section.name not in {s.name for s in SECTIONS}:
        SECTIONS.append(section)


def register_person_annotation(name: str, expression: Callable) -> None:
    PERSON_ANNOTATIONS[name] = expression


# Values a section needs about the case itself, read with the page's one query of the case:
# functions now -> {name: expression}.
CASE_ANNOTATIONS: list[Callable] = []


def register_case_annotations(make: Callable) -> None:
    if make not in CASE_ANNOTATIONS:
        CASE_ANNOTATIONS.append(make)


def page_case_annotations(now) -> dict:
    return {name: expr for make in CASE_ANNOTATIONS for name, expr in make(now).items()}


def page_persons_queryset():
    """The persons of the case page, with every registered annotation."""
    return Person.objects.annotate(**{name: make() for name, make in PERSON_ANNOTATIONS.items()})
