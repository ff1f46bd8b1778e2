# SPDX-License-Identifier: EUPL-1.2
"""Issue 12: the burgemeester's side is brought in, decisions only before the end,
adulthood from the date of birth, the extension right rests on the organisation too."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import OrganisationKind, Role
from accounts.services import user_admin_save
from casework.models import CaseMembership, LegalBasis
from casework.selectors import case_timeline
from casework.services.cases import membership_add_professional
from huisverbod.models import Huisverbod, HuisverbodStatus
from huisverbod.services import huisverbod_extend, huisverbod_withdraw
from notifications.models import Notification
from tests.deadlines.conftest import impose, local
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.cases import CaseFactory, add_person

pytestmark = pytest.mark.django_db


def test_recording_a_huisverbod_brings_in_the_municipality_and_tells_its_officials(client):
    case = CaseFactory()  # municipality Enschede; the municipality does not take part
    police = UserFactory(organisation=case.registering_organisation, partner=True)
    membership_add_professional(actor=case.coordinator, case=case, user=police)
    enschede = OrganisationFactory(name="Gemeente Enschede", municipality=True)
    official = UserFactory(organisation=enschede, municipality_official=True)
    perpetrator = add_person(case, roles=["perpetrator"], first_name="Kees")
    client.force_login(official)
    page = reverse("casework:case_detail", args=[case.pk])
    assert client.get(page).status_code == 404

    now = timezone.now()
    from huisverbod.services import huisverbod_impose

    hv = huisverbod_impose(
        actor=police,
        case=case,
        person=perpetrator,
        imposed_at=now - datetime.timedelta(hours=1),
        imposed_by="assistant_prosecutor",
        now=now,
    )
    membership = (
        CaseMembership.objects.active().organisations().get(case=case, organisation=enschede)
    )
    assert "burgemeester" in membership.reason
    # The rule is its basis of sharing (WGS): recorded like any partner's, shown per partner.
    assert membership.legal_basis == LegalBasis.LEGAL_OBLIGATION
    assert membership.sharing_note == membership.reason
    entry = next(e for e in case_timeline(case) if e.title.startswith("Gemeente Enschede"))
    assert "burgemeester" in entry.detail
    note = Notification.objects.get(recipient=official)
    assert note.case_id == case.pk and case.reference in note.message
    assert "Kees" not in note.message
    response = client.get(page)
    assert response.status_code == 200
    assert "Verlenging vastleggen" in response.content.decode()
    assert hv.pk


def test_withdrawal_and_extension_at_or_after_the_end_are_refused_whatever_the_status(
    world, client
):
    hv = impose(world, local(2026, 3, 20, 14, 0))
    end = hv.ends_at
    assert hv.status == HuisverbodStatus.IMPOSED  # the scan has not expired it
    with pytest.raises(ValidationError) as refused:
        huisverbod_withdraw(actor=world.official, huisverbod=hv, reason="Te laat", now=end)
    assert "vóór dat moment" in refused.value.messages[0]
    with pytest.raises(ValidationError):
        huisverbod_extend(
            actor=world.official,
            huisverbod=hv,
            new_end=end + datetime.timedelta(days=5),
            reason="Te laat",
            now=end,
        )
    hv.refresh_from_db()
    assert hv.status == HuisverbodStatus.IMPOSED and not hv.withdrawal_reason

    # On the page (real clock): an order whose end has passed but that is still "imposed".
    late = impose(
        world,
        timezone.now() - datetime.timedelta(days=11),
        now=timezone.now() - datetime.timedelta(days=11) + datetime.timedelta(minutes=5),
        person=add_person(world.case, roles=["perpetrator"], first_name="Jan"),
    )
    client.force_login(world.official)
    url = reverse("huisverbod:huisverbod_withdraw", args=[world.case.pk, late.pk])
    response = client.post(url, {"reason": "Intrekken"})
    assert "een intrekking kan alleen vóór dat moment" in response.content.decode()
    late.refresh_from_db()
    assert late.status == HuisverbodStatus.IMPOSED


def test_an_adult_recorded_as_child_may_be_the_subject(world):
    son = add_person(
        world.case,
        roles=["perpetrator", "child"],
        first_name="Zoon",
        last_name="Pleger",
        date_of_birth=datetime.date(1999, 6, 1),
    )
    hv = impose(world, local(2026, 3, 20, 14, 0), person=son)
    assert hv.person == son and not hv.adulthood_confirmed


def test_turning_18_counts_on_the_local_day_of_imposition(world):
    person = add_person(
        world.case,
        roles=["perpetrator"],
        first_name="Bijna",
        date_of_birth=datetime.date(2008, 3, 21),
    )
    # 20 March 23:30 local: one day short of 18.
    with pytest.raises(ValidationError):
        impose(world, local(2026, 3, 20, 23, 30), person=person)
    # 21 March 00:30 local (still 20 March in UTC): of age.
    hv = impose(world, local(2026, 3, 21, 0, 30), person=person)
    assert hv.person == person


def test_unknown_date_of_birth_needs_the_officers_confirmation(world, client):
    unknown = add_person(
        world.case, roles=["perpetrator"], first_name="Onbekend", date_of_birth=None
    )
    with pytest.raises(ValidationError) as refused:
        impose(world, local(2026, 3, 20, 14, 0), person=unknown)
    assert "Bevestig dat de persoon" in refused.value.message_dict["adult_confirmed"][0]
    client.force_login(world.police)
    url = reverse("huisverbod:huisverbod_create", args=[world.case.pk])
    when = (timezone.localtime() - datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M")
    data = {"person": unknown.pk, "imposed_at": when, "imposed_by": "assistant_prosecutor"}
    response = client.post(url, data)
    assert "Bevestig dat de persoon" in response.content.decode()
    assert not Huisverbod.objects.exists()
    response = client.post(url, {**data, "adult_confirmed": "on"})
    assert response.status_code == 302
    assert Huisverbod.objects.get().adulthood_confirmed


def test_the_extension_right_needs_a_municipality_organisation(world):
    police_official = UserFactory(organisation=world.police_org, partner=True)
    police_official.role = Role.MUNICIPALITY_OFFICIAL
    with pytest.raises(ValidationError) as refused:
        user_admin_save(
            actor=UserFactory(functional_admin=True), user=police_official, created=False
        )
    assert "gemeente" in refused.value.message_dict["role"][0]
    # Even if such an account exists (made before this rule), it cannot extend.
    type(police_official).objects.filter(pk=police_official.pk).update(
        role=Role.MUNICIPALITY_OFFICIAL
    )
    police_official.refresh_from_db()
    from accounts.services import user_sync_groups

    user_sync_groups(user=police_official)
    membership_add_professional(actor=world.coordinator, case=world.case, user=police_official)
    hv = impose(world, local(2026, 3, 20, 14, 0))
    with pytest.raises(PermissionDenied):
        huisverbod_extend(
            actor=police_official,
            huisverbod=hv,
            new_end=local(2026, 4, 10, 14, 0),
            reason="Advies",
            now=local(2026, 3, 28, 10, 0),
        )
    assert world.police_org.kind == OrganisationKind.POLICE


def test_account_form_refuses_the_role_on_another_organisation_kind():
    """The account form on /beheer/ is a ModelForm: it runs User.full_clean()."""
    user = UserFactory(organisation=OrganisationFactory(police=True), partner=True)
    user.role = Role.MUNICIPALITY_OFFICIAL
    with pytest.raises(ValidationError) as refused:
        user.full_clean()
    assert (
        "alleen bij een organisatie van de soort gemeente" in refused.value.message_dict["role"][0]
    )
    user.organisation = OrganisationFactory(municipality=True)
    user.full_clean()


def test_the_service_refuses_a_local_time_that_does_not_exist(world):
    """Issue 12: 28-03-2027 02:30 (the skipped hour) was stored as 03:30 and ended at 02:30
    ten days later: one hour short."""
    from zoneinfo import ZoneInfo

    skipped = datetime.datetime(2027, 3, 28, 2, 30, tzinfo=ZoneInfo("Europe/Amsterdam"))
    with pytest.raises(ValidationError) as refused:
        impose(world, skipped, now=skipped + datetime.timedelta(hours=2))
    assert "bestaat niet" in refused.value.message_dict["imposed_at"][0]
    assert not Huisverbod.objects.exists()
    # The hour before the gap exists and is accepted; ten local days later at 01:30.
    hv = impose(world, local(2027, 3, 28, 1, 30), now=local(2027, 3, 28, 4, 0))
    assert hv.ends_at.astimezone(ZoneInfo("Europe/Amsterdam")) == local(2027, 4, 7, 1, 30)
