# SPDX-License-Identifier: EUPL-1.2
"""Which Top-3 risk items (onveilige situaties) a conference action works on (issue 20).

The risk items live in the safety plan, a room above conferences, so conferences never
imports it: the safety plan registers one source here in its AppConfig.ready() and
conferences asks that source. Each function takes all cases or actions of a page at once,
so the conference page reads the choices and the links in a fixed number of queries
however many cases it discusses. Without a source (the safety plan not installed) a case
has no Top-3 and an action names the reason it works on none.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

NEEDS_RISK = _(
    "Kies de onveilige situatie(s) uit de Top-3 waar deze actie aan werkt, "
    "of leg uit waarom er geen is."
)
NOT_IN_TOP3 = _("Kies alleen onveilige situaties uit de huidige Top-3 van deze casus.")
RISK_OR_REASON = _(
    "Een actie werkt aan onveilige situaties uit de Top-3 óf heeft een reden waarom er "
    "geen is, niet allebei: vink de situaties uit of maak de reden leeg."
)


@dataclass(frozen=True)
class ActionRiskSource:
    # cases -> {case id: [(risk id, "1. <title>"), ...]}: the Top-3 an action may name
    choices: Callable[[Sequence], dict[int, list[tuple[int, str]]]]
    # (action, risk ids already checked against the choices) -> None, inside the service
    save: Callable[[object, list[int]], None]
    # actions -> {action id: ["1. <title>", ...]}: what each action works on
    labels: Callable[[Sequence], dict[int, list[str]]]


SOURCES: list[ActionRiskSource] = []


def register_action_risk_source(source: ActionRiskSource) -> None:
    """The safety plan's source; one is enough, a second registration replaces it."""
    SOURCES[:] = [source]


def risk_choices(cases: Iterable) -> dict[int, list[tuple[int, str]]]:
    cases = list(cases)
    found = SOURCES[0].choices(cases) if SOURCES and cases else {}
    return {case.pk: found.get(case.pk, []) for case in cases}


def risk_links_save(action, risk_ids: list[int]) -> None:
    if risk_ids:
        SOURCES[0].save(action, risk_ids)


def with_risk_labels(actions: Iterable) -> list:
    """The actions, each with `risk_labels`: the Top-3 items it works on (may be empty;
    the action's `no_risk_reason` then says why, or the action predates issue 20)."""
    actions = list(actions)
    labels = SOURCES[0].labels(actions) if SOURCES and actions else {}
    for action in actions:
        action.risk_labels = labels.get(action.pk, [])
    return actions
