# SPDX-License-Identifier: EUPL-1.2
"""htmx progressive enhancement in the browser: marking a notification read in place."""

import pytest

from tests.casework.test_notifications_htmx import _notification
from tests.e2e.conftest import login
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_marking_read_swaps_in_place_with_javascript(page, password):
    user = UserFactory(username="piet", partner=True)
    notification = _notification(user)
    login(page, "piet", password)
    page.goto("/notifications/")
    page.evaluate("() => { window.__stayed = true; }")
    item = page.locator(f"#notification-{notification.pk}")
    item.get_by_role("button", name="Markeer als gelezen").click()
    # "Gelezen" alone (the button's "Markeer als gelezen" must not count) and no button left.
    item.get_by_text("Gelezen", exact=True).wait_for()
    item.get_by_role("button").wait_for(state="detached")
    assert page.evaluate("() => window.__stayed === true")  # no full page load: htmx swapped it
    notification.refresh_from_db()
    assert notification.read_at is not None
