# SPDX-License-Identifier: EUPL-1.2
"""The escalation count in the navigation, for managers (None for everyone else)."""

from deadlines.selectors import escalation_queue_for


def open_escalations(request) -> dict:
    user = getattr(request, "user", None)
    if (
        user is None
        or not user.is_authenticated
        or not user.has_perm("deadlines.change_escalation")
    ):
        return {"open_escalations": None}
    return {"open_escalations": escalation_queue_for(user).count()}
