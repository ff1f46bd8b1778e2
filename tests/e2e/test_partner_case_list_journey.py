# SPDX-License-Identifier: EUPL-1.2
"""A partner in few cases opens the case list: exactly their cases, newest first, each a
link to its page (issue 14: such a list is now read from the partner's grants, by key,
instead of walking every case of the region)."""

import datetime

import pytest
from django.utils import timezone

from casework.models import Case
from casework.services.cases import membership_add_organisation
from tests.e2e.conftest import login
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, sharing_basis


@pytest.mark.django_db(transaction=True)
def test_a_partner_sees_only_their_cases_newest_first_and_opens_one(page, password):
    older, newer = CaseFactory(), CaseFactory()
    others = [CaseFactory() for _ in range(3)]
    police = older.registering_organisation
    membership_add_organisation(
        actor=newer.coordinator, case=newer, organisation=police, **sharing_basis()
    )
    Case.objects.filter(pk=older.pk).update(
        registered_at=timezone.now() - datetime.timedelta(days=30)
    )
    UserFactory(username="agent", organisation=police, partner=True)

    login(page, "agent", password)
    page.get_by_role("link", name="Casussen", exact=True).click()
    page.wait_for_url("**/cases/")
    rows = page.get_by_role("row").filter(has_text="ZVH-")
    assert rows.count() == 2
    assert newer.reference in rows.nth(0).inner_text()
    assert older.reference in rows.nth(1).inner_text()
    body = page.content()
    assert all(case.reference not in body for case in others)
    page.get_by_role("link", name=older.reference).click()
    page.wait_for_url(f"**/cases/{older.pk}/")
    assert older.reference in page.get_by_role("heading", level=1).inner_text()
