# SPDX-License-Identifier: EUPL-1.2
"""Template tags of the deadline engine: the huisverbod section of the case page and the
counts in the navigation (the bell, the escalation queue)."""

from django import template
from django.utils import timezone

from casework.permissions_deadlines import (
    can_extend_huisverbod,
    can_impose_huisverbod,
    can_record_toetsing,
)
from casework.selectors_deadlines import escalation_queue_for, huisverbod_section, unread_count

register = template.Library()


@register.inclusion_tag("casework/partials/_huisverbod_body.html", takes_context=True)
def huisverbod_section_for(context, case):
    user = context["request"].user
    section = huisverbod_section(case, now=timezone.now())
    return {
        **section,
        "case": case,
        "can_record_toetsing": can_record_toetsing(user, case),
        "can_impose": can_impose_huisverbod(user, case),
        "can_extend": can_extend_huisverbod(user, case),
        "closed": case.is_closed,
    }


@register.simple_tag(takes_context=True)
def nav_counts(context):
    user = context["request"].user
    if not user.is_authenticated:
        return {"unread": 0, "escalations": None}
    escalations = None
    if user.has_perm("casework.change_escalation"):
        escalations = escalation_queue_for(user).count()
    return {"unread": unread_count(user), "escalations": escalations}
