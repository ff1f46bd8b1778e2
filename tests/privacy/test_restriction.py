# SPDX-License-Identifier: EUPL-1.2
"""Restriction of processing (AVG art. 18): once the contact point grants it, the
person's data stay readable by the case team but are not changed, not shared with a newly
added partner and not exported — each refusal in Dutch on the page — until it is lifted,
which is logged."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind
from audit.models import AuditEntry
from casework.services.cases import membership_add_organisation
from privacy.models import Restriction
from privacy.services import request_register, restriction_grant, restriction_lift
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import sharing_basis
from tests.safetyplan.helpers import PlanWorld

pytestmark = pytest.mark.django_db

REFUSED = "is beperkt (AVG art. 18)"


@pytest.fixture
def world():
    world = PlanWorld()
    world.version = world.adopted()
    world.person = world.case.persons.get()
    world.contact = UserFactory(log_manager=True)
    world.request = request_register(
        actor=world.contact, kind="restriction", persons=[world.person],
        received_on=timezone.localdate(), description="Betwist de juistheid (fictief)",
    )  # fmt: skip
    return world


def _grant(world, client):
    client.force_login(world.contact)
    url = reverse("privacy:request_detail", args=[world.request.pk])
    return client.post(
        url,
        {
            "restrict": world.person.pk,
            f"restrict-{world.person.pk}-reason": "Juistheid betwist (fictief)",
        },
    )


def _person_post(world, client):
    client.force_login(world.coordinator)
    url = reverse("casework:person_update", args=[world.case.pk, world.person.pk])
    return client.post(url, {"first_name": "Sanne", "last_name": "Anders", "roles": ["victim"]})


def test_the_contact_point_grants_a_restriction_with_a_reason(client, world):
    client.force_login(world.contact)
    url = reverse("privacy:request_detail", args=[world.request.pk])
    page = client.post(url, {"restrict": world.person.pk, f"restrict-{world.person.pk}-reason": ""})
    assert page.status_code == 200  # refused on the page, nothing granted
    assert not Restriction.objects.exists()
    assert _grant(world, client).status_code == 302
    restriction = Restriction.objects.get(person=world.person, lifted_at__isnull=True)
    assert AuditEntry.objects.filter(
        object_type="privacy.Restriction", object_id=str(restriction.pk), action="create"
    ).exists()
    body = client.get(url).content.decode()
    assert "Juistheid betwist (fictief)" in body and "Beperking opheffen" in body
    with pytest.raises(ValidationError):  # not twice
        restriction_grant(actor=world.contact, request=world.request, person=world.person,
                          reason="nog eens")  # fmt: skip


def test_only_the_contact_point_restricts(world):
    with pytest.raises(PermissionDenied):
        restriction_grant(
            actor=world.coordinator, request=world.request, person=world.person, reason="x"
        )


def test_a_restricted_person_is_still_read_but_not_changed(client, world):
    _grant(world, client)
    page = _person_post(world, client)
    assert page.status_code == 200
    assert REFUSED in page.content.decode() and "Anders" in page.content.decode()  # kept
    world.person.refresh_from_db()
    assert world.person.last_name == "de Vries"
    client.force_login(world.coordinator)
    page = client.get(reverse("casework:case_detail", args=[world.case.pk])).content.decode()
    assert "de Vries" in page  # still read by the case team…
    assert "Verwerking beperkt (AVG art. 18)" in page  # …who see it is restricted
    assert "Juistheid betwist" not in page  # (not why: that is the contact point's)


def test_a_restricted_persons_case_gets_no_new_partner(client, world):
    _grant(world, client)
    shelter = OrganisationFactory(kind=OrganisationKind.SHELTER, name="Opvang Drie")
    client.force_login(world.coordinator)
    page = client.post(
        reverse("casework:memberships", args=[world.case.pk]),
        {
            "kind": "organisation",
            "org-organisations": [shelter.pk],
            "org-purpose": sharing_basis()["purpose"].pk,
            "org-legal_basis": "wgs",
            "org-sharing_note": "Neemt deel (fictief).",
        },
    )
    assert page.status_code == 200 and REFUSED in page.content.decode()
    assert not world.case.memberships.filter(organisation=shelter).exists()


def test_a_restricted_persons_case_is_not_exported(client, world):
    _grant(world, client)
    client.force_login(world.coordinator)
    for url, back in (
        (reverse("casework:case_summary_pdf", args=[world.case.pk]),
         reverse("casework:case_detail", args=[world.case.pk])),
        (reverse("safetyplan:export_pdf", args=[world.case.pk, world.version.number]),
         reverse("safetyplan:plan", args=[world.case.pk])),
    ):  # fmt: skip
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][0].startswith(back)
        assert REFUSED in response.content.decode()
        assert response["Content-Type"].startswith("text/html")


def test_lifting_needs_a_reason_is_logged_and_restores_everything(client, world):
    _grant(world, client)
    restriction = Restriction.objects.get()
    url = reverse("privacy:request_detail", args=[world.request.pk])
    page = client.post(url, {"lift": restriction.pk, f"lift-{restriction.pk}-reason": ""})
    assert page.status_code == 200
    restriction.refresh_from_db()
    assert restriction.lifted_at is None
    assert (
        client.post(
            url, {"lift": restriction.pk, f"lift-{restriction.pk}-reason": "Juist bevonden"}
        ).status_code
        == 302
    )
    restriction.refresh_from_db()
    assert restriction.lifted_by == world.contact and restriction.lift_reason == "Juist bevonden"
    assert AuditEntry.objects.filter(
        object_type="privacy.Restriction", object_id=str(restriction.pk), action="update"
    ).exists()
    assert world.request.steps.filter(description__startswith="Beperking opgeheven").exists()
    with pytest.raises(ValidationError):
        restriction_lift(actor=world.contact, restriction=restriction, reason="nog eens")
    assert _person_post(world, client).status_code == 302
    membership_add_organisation(
        actor=world.coordinator, case=world.case,
        organisation=OrganisationFactory(kind=OrganisationKind.SHELTER), **sharing_basis(),
    )  # fmt: skip
    client.force_login(world.coordinator)
    pdf = client.get(reverse("casework:case_summary_pdf", args=[world.case.pk]))
    assert pdf["Content-Type"] == "application/pdf"
