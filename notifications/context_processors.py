# SPDX-License-Identifier: EUPL-1.2
"""The bell in the navigation: the number of unread notifications."""

from notifications.selectors import unread_count


def unread_notifications(request) -> dict:
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_count(user) if user is not None else 0}
