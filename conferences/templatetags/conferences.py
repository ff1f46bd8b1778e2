# SPDX-License-Identifier: EUPL-1.2
from django import template

from casework.services.phases import transition_label as _transition_label

register = template.Library()


@register.filter
def transition_label(name: str) -> str:
    """The Dutch (or English) label of a transition a decision proposes, never its name."""
    return _transition_label(name)
