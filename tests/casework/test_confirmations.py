# SPDX-License-Identifier: EUPL-1.2
"""Confirmations (issue 16): after an action the page says what happened, in a status
region, and returns to the section the user was working in."""

import pytest
from django.urls import reverse

from accounts.models import OrganisationKind
from tests.factories import OrganisationFactory
from tests.factories.cases import CaseFactory, sharing_basis

pytestmark = pytest.mark.django_db


def test_adding_a_partner_confirms_and_returns_to_partners(client):
    case = CaseFactory()
    organisation = OrganisationFactory(kind=OrganisationKind.VEILIG_THUIS)
    basis = sharing_basis()
    client.force_login(case.coordinator)
    response = client.post(
        reverse("casework:memberships", args=[case.pk]),
        {
            "kind": "organisation",
            "org-organisations": [organisation.pk],
            "org-purpose": basis["purpose"].pk,
            "org-legal_basis": basis["legal_basis"],
            "org-sharing_note": basis["sharing_note"],
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#partners")
    html = client.get(response["Location"]).content.decode()
    assert '<div class="messages" role="status">' in html
    assert "Partner toegevoegd." in html
    assert 'id="partners"' in html
