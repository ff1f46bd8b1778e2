# SPDX-License-Identifier: EUPL-1.2
"""The plan pages per permission boundary, bad input on the page, and query counts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Action, AuditEntry
from safetyplan import services
from safetyplan.models import AgreementStatus, RiskItem, ScaleScore
from safetyplan.pdf import render_version_pdf
from tests.factories import UserFactory
from tests.factories.cases import add_person
from tests.safetyplan.helpers import PlanWorld, item_fields
from tests.safetyplan.test_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return PlanWorld()


def url(world, name, **kwargs):
    return reverse(f"safetyplan:{name}", kwargs={"case_pk": world.case.pk, **kwargs})


def form_data(**overrides):
    data = {k: v for k, v in item_fields().items() if k != "next_evaluation"}
    data["next_evaluation"] = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    data.update(overrides)
    return data


def test_coordinator_sees_the_draft_with_edit_buttons(client, world):
    draft = world.draft()
    world.item(draft, 1, title="Dreiging met mes")
    client.force_login(world.coordinator)
    response = client.get(url(world, "plan"))
    html = response.content.decode()
    assert "Dreiging met mes" in html
    assert "Onveilige situatie toevoegen" in html
    assert "Deze versie kan nog niet worden vastgesteld" in html
    assert AuditEntry.objects.filter(action=Action.VIEW, case_id=world.case.pk).exists()


def test_partner_reads_the_adopted_plan_without_edit_buttons(client, world):
    world.adopted()
    world.draft()  # a new draft is not shown to partners
    client.force_login(world.vt_worker)
    html = client.get(url(world, "plan")).content.decode()
    assert "Versie 1" in html and "vastgesteld op" in html
    assert "Onveilige situatie toevoegen" not in html
    assert "Status bijwerken" not in html  # VT owns none of the agreements
    assert "Voor gezien tekenen namens" in html
    client.force_login(world.agent)
    html = client.get(url(world, "plan")).content.decode()
    assert "Status bijwerken" in html


def test_stranger_gets_404_and_a_denied_entry(client, world):
    world.adopted()
    stranger = UserFactory(partner=True)
    client.force_login(stranger)
    assert client.get(url(world, "plan")).status_code == 404
    assert client.get(url(world, "export_pdf", number=1)).status_code == 404


def test_partner_crafted_edit_requests_get_404_and_change_nothing(client, world):
    draft = world.draft()
    item = world.item(draft, 1)
    client.force_login(world.agent)
    assert client.post(url(world, "risk_item_create"), form_data(rank=2)).status_code == 404
    response = client.post(url(world, "risk_item_update", item_pk=item.pk), form_data(title="X"))
    assert response.status_code == 404
    assert client.post(url(world, "adopt")).status_code == 404
    assert not RiskItem.objects.filter(title="X").exists()
    assert AuditEntry.objects.filter(action=Action.DENIED, case_id=world.case.pk).exists()


def test_crafted_edit_of_an_adopted_version_is_refused(client, world):
    version = world.adopted()
    item = version.risk_items.first()
    client.force_login(world.coordinator)
    # no draft exists: the edit URL for the adopted item answers 404
    response = client.post(url(world, "risk_item_update", item_pk=item.pk), form_data(title="X"))
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.title != "X"


def test_rank_outside_range_and_fourth_item_show_dutch_messages_and_keep_text(client, world):
    draft = world.draft()
    client.force_login(world.coordinator)
    response = client.post(url(world, "risk_item_create"), form_data(rank=4, title="Mijn titel"))
    html = response.content.decode()
    assert "Kies een rangorde van 1 tot en met 3." in html
    assert 'value="Mijn titel"' in html
    for rank in (1, 2, 3):
        world.item(draft, rank)
    response = client.post(url(world, "risk_item_create"), form_data(rank=1, title="Vierde"))
    html = response.content.decode()
    assert "De Top-3 is vol" in html and 'value="Vierde"' in html
    assert draft.risk_items.count() == 3


def test_agreement_with_past_due_date_is_refused_on_the_page(client, world):
    draft = world.draft()
    item = world.item(draft, 1)
    client.force_login(world.coordinator)
    response = client.post(
        url(world, "agreement_create", item_pk=item.pk),
        {
            "part": "safety",
            "description": "Wijkagent gaat langs",
            "owner_organisation": world.police.pk,
            "due_date": (timezone.localdate() - datetime.timedelta(days=2)).isoformat(),
        },
    )
    html = response.content.decode()
    assert "De uiterste datum ligt in het verleden." in html
    assert "Wijkagent gaat langs" in html


def test_stale_save_shows_both_texts(client, world):
    draft = world.draft()
    item = world.item(draft, 1)
    opened = item.lock_version
    services.risk_item_update(
        actor=world.coordinator,
        item=item,
        lock_version=opened,
        **item_fields(safety_goal="Tekst van de collega"),
    )
    client.force_login(world.coordinator)
    response = client.post(
        url(world, "risk_item_update", item_pk=item.pk),
        form_data(safety_goal="Mijn eigen tekst", lock_version=opened),
    )
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Tekst van de collega" in html and "Mijn eigen tekst" in html
    item.refresh_from_db()
    assert item.safety_goal == "Tekst van de collega"
    assert f'name="lock_version" value="{item.lock_version}"' in html


def test_partner_marks_own_agreement_done_but_not_anothers(client, world):
    version = world.adopted()
    agreement = version.agreements.first()
    client.force_login(world.vt_worker)
    response = client.post(
        url(world, "agreement_status", agreement_pk=agreement.pk),
        {"status": "done", "notes": "", "lock_version": 1},
    )
    assert response.status_code == 404
    client.force_login(world.agent)
    response = client.post(
        url(world, "agreement_status", agreement_pk=agreement.pk),
        {"status": "done", "notes": "Gecontroleerd", "lock_version": 1},
    )
    assert response.status_code == 302
    agreement.progress.refresh_from_db()
    assert agreement.progress.status == AgreementStatus.DONE


def test_scale_score_out_of_range_is_refused_on_the_page(client, world):
    version = world.adopted()
    risk = version.risk_items.first().risk
    client.force_login(world.agent)
    response = client.post(url(world, "scale_score", risk_pk=risk.pk), {"score": 12})
    assert "Een score op de veiligheidsschaal loopt van 0 tot 10." in response.content.decode()
    assert not ScaleScore.objects.exists()
    client.post(url(world, "scale_score", risk_pk=risk.pk), {"score": 6})
    html = client.get(url(world, "plan")).content.decode()
    assert "<svg" in html and "Laatste score 6" in html


def test_acknowledge_button(client, world):
    world.adopted()
    client.force_login(world.agent)
    client.post(url(world, "acknowledge", number=1))
    html = client.get(url(world, "plan")).content.decode()
    assert "getekend door" in html
    assert "Voor gezien tekenen namens" not in html
    assert "nog niet getekend" in html  # ZVH and Veilig Thuis still missing


def test_compare_highlights_added_removed_and_changed(client, world):
    v1 = world.adopted(n_items=2)
    draft = world.draft()
    first = draft.risk_items.get(rank=1)
    services.risk_item_update(
        actor=world.coordinator,
        item=first,
        lock_version=first.lock_version,
        **item_fields("Situatie 1", safety_goal="Nieuw doel"),
    )
    world.complete_item(draft, 3)
    services.plan_adopt(actor=world.coordinator, version=draft)
    client.force_login(world.coordinator)
    html = client.get(url(world, "compare") + "?a=1&b=2").content.decode()
    assert 'data-state="changed"' in html and "Nieuw doel" in html
    assert "(toegevoegd)" in html
    assert v1.number == 1


def test_pdf_download_is_an_export_without_shelter_address(client, world):
    add_person(
        world.case,
        first_name="Eva",
        last_name="Opvang",
        confidential_address="Geheime Opvangstraat 7",
    )
    version = world.adopted()
    client.force_login(world.coordinator)
    response = client.get(url(world, "export_pdf", number=version.number))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=Action.EXPORT, case_id=world.case.pk).exists()


def test_pdf_content_marks_confidential_and_never_the_shelter_address(world):
    person = add_person(
        world.case,
        first_name="Eva",
        last_name="Opvang",
        confidential_address="Geheime Opvangstraat 7",
        address="Gewone straat 1",
    )
    draft = world.draft()
    for rank in (1, 2):
        world.complete_item(draft, rank)
    services.recovery_plan_save(
        actor=world.coordinator, version=draft, person=person, goals="Weer naar werk"
    )
    version = services.plan_adopt(actor=world.coordinator, version=draft)
    services.plan_acknowledge(actor=world.agent, version=version)
    text = pdf_text(render_version_pdf(version))
    assert "VERTROUWELIJK" in text
    assert world.case.reference in text and "Versie 1" in text
    assert "Weer naar werk" in text
    assert "Geheime Opvangstraat" not in text and "Opvangstraat" not in text
    assert "Gewone straat" not in text


def test_version_list_and_detail(client, world):
    world.adopted()
    world.draft()
    client.force_login(world.agent)
    html = client.get(url(world, "versions")).content.decode()
    assert "Versie 1" in html and "Versie 2" not in html
    assert client.get(url(world, "version", number=2)).status_code == 404
    assert client.get(url(world, "version", number=1)).status_code == 200


def test_case_page_shows_the_plan_summary(client, world):
    world.adopted()
    world.draft()
    services.plan_acknowledge(
        actor=world.agent, version=world.case.safety_plan.versions.get(number=1)
    )
    client.force_login(world.coordinator)
    html = client.get(
        reverse("casework:case_detail", kwargs={"case_pk": world.case.pk})
    ).content.decode()
    assert "Versie 1, vastgesteld op" in html
    assert "Versie 2 is in bewerking" in html
    assert "Nog niet voor gezien getekend door:" in html and world.vt.name in html


def test_plan_page_query_count_is_bounded(client, world, django_assert_max_num_queries):
    version = world.adopted(care=True)
    for item in version.risk_items.all():
        for score in (3, 5, 7):
            services.scale_score_record(actor=world.agent, risk=item.risk, score=score)
    client.force_login(world.agent)
    client.get(url(world, "plan"))  # warm caches (permissions, session)
    with django_assert_max_num_queries(35):
        response = client.get(url(world, "plan"))
    assert response.status_code == 200
    client.force_login(world.coordinator)
    world.draft()
    client.get(url(world, "plan"))
    with django_assert_max_num_queries(36):
        assert client.get(url(world, "plan")).status_code == 200


def test_post_without_version_token_is_refused_with_both_texts(client, world):
    """Issue 12: a POST without lock_version replaced another person's text."""
    draft = world.draft()
    item = world.item(draft, 1)
    services.risk_item_update(
        actor=world.coordinator,
        item=item,
        lock_version=item.lock_version,
        **item_fields(safety_goal="Tekst van de collega"),
    )
    client.force_login(world.coordinator)
    response = client.post(
        url(world, "risk_item_update", item_pk=item.pk), form_data(safety_goal="Mijn eigen tekst")
    )
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Tekst van de collega" in html and "Mijn eigen tekst" in html
    item.refresh_from_db()
    assert item.safety_goal == "Tekst van de collega"
