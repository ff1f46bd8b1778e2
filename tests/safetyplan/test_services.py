# SPDX-License-Identifier: EUPL-1.2
"""The plan through its services: versions, the Top-3, freezing, agreements, deadlines."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from audit.models import Action, AuditEntry
from casework.models import Case
from casework.selectors import case_page_get
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus
from safetyplan import guards, services
from safetyplan.models import (
    AgreementPart,
    AgreementStatus,
    FrozenVersionError,
    ItemStatus,
    PlanVersion,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    ScaleScore,
)
from tests.factories import OrganisationFactory
from tests.safetyplan.helpers import PlanWorld, item_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return PlanWorld()


def test_first_draft_is_version_one_and_recorded(world):
    draft = world.draft()
    assert (draft.number, draft.status) == (1, "draft")
    assert world.draft() == draft  # one draft at a time
    assert AuditEntry.objects.filter(action=Action.CREATE, object_type="safetyplan.PlanVersion")


def test_a_fourth_risk_item_is_refused(world):
    draft = world.draft()
    for rank in (1, 2, 3):
        world.item(draft, rank)
    with pytest.raises(ValidationError) as refused:
        world.item(draft, 1, title="Vierde")
    assert "De Top-3 is vol" in refused.value.messages[0]
    assert draft.risk_items.count() == 3


@pytest.mark.parametrize("rank", [0, 4, None])
def test_a_rank_outside_one_to_three_is_refused(world, rank):
    draft = world.draft()
    with pytest.raises(ValidationError) as refused:
        world.item(draft, rank)
    assert "Kies een rangorde van 1 tot en met 3." in refused.value.message_dict["rank"]
    assert not RiskItem.objects.exists()


def test_a_taken_rank_is_refused(world):
    draft = world.draft()
    world.item(draft, 2)
    with pytest.raises(ValidationError) as refused:
        world.item(draft, 2, title="Andere")
    assert "Rangorde 2 is in deze versie al bezet." in refused.value.message_dict["rank"]


def test_database_refuses_duplicate_rank_and_rank_outside_range(world):
    draft = world.draft()
    first = world.item(draft, 1)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskItem.objects.create(version=draft, risk=first.risk, rank=5, **item_fields())
    other = world.item(draft, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskItem.objects.filter(pk=other.pk).update(rank=1)


def test_database_refuses_an_active_item_without_rank_and_a_fourth_active_item(world):
    """Issue 12: rank NULL passed the check and escaped the unique rank."""
    from safetyplan.models import Risk

    draft = world.draft()
    items = [world.item(draft, rank) for rank in (1, 2, 3)]
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskItem.objects.create(
            version=draft, risk=Risk.objects.create(plan=draft.plan), rank=None, **item_fields()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        RiskItem.objects.filter(pk=items[0].pk).update(rank=None)
    assert RiskItem.objects.filter(version=draft, status="active").count() == 3


def test_missing_facts_are_refused_and_nothing_saved(world):
    draft = world.draft()
    with pytest.raises(ValidationError) as refused:
        world.item(draft, 1, danger_statement="  ")
    assert refused.value.message_dict["danger_statement"] == ["Schrijf een gevaarsstelling."]
    assert not RiskItem.objects.exists()


def test_adopting_says_what_is_missing(world):
    draft = world.draft()
    with pytest.raises(ValidationError) as refused:
        services.plan_adopt(actor=world.coordinator, version=draft)
    assert "Het plan heeft nog geen onveilige situatie in de Top-3." in refused.value.messages
    item = world.item(draft, 1, title="Mes")
    problems = services.adoption_problems(draft)
    assert "Situatie 1 (Mes) heeft nog geen veiligheidsvoorwaarde." in problems
    assert any("nog geen afspraak met een eigenaar" in p for p in problems)
    world.condition(item)
    world.agreement(item)
    version = services.plan_adopt(actor=world.coordinator, version=draft)
    assert version.is_adopted and version.adopted_by == world.coordinator


def test_adopted_version_cannot_change_through_orm_update(world):
    version = world.adopted()
    with pytest.raises(FrozenVersionError):
        RiskItem.objects.filter(version=version).update(danger_statement="gewijzigd")
    with pytest.raises(FrozenVersionError):
        SafetyCondition.objects.filter(version=version).update(is_met=True)
    with pytest.raises(FrozenVersionError):
        SafetyAgreement.objects.filter(version=version).update(due_date=datetime.date(2020, 1, 1))
    with pytest.raises(FrozenVersionError):
        PlanVersion.objects.filter(pk=version.pk).update(care_plan_summary="x")
    with pytest.raises(FrozenVersionError):
        RiskItem.objects.filter(version=version).delete()
    item = version.risk_items.first()
    item.title = "gewijzigd"
    with pytest.raises(FrozenVersionError):
        item.save()
    with pytest.raises(FrozenVersionError):
        SafetyCondition.objects.create(version=version, risk_item=item, text="erbij")
    assert not RiskItem.objects.filter(title="gewijzigd").exists()


def test_adopted_version_cannot_change_even_with_raw_sql(world):
    version = world.adopted()
    item = version.risk_items.first()
    statements = [
        ("UPDATE safetyplan_riskitem SET title = %s WHERE id = %s", ["x", item.pk]),
        ("UPDATE safetyplan_planversion SET number = 9 WHERE id = %s", [version.pk]),
        (
            "INSERT INTO safetyplan_safetycondition (version_id, risk_item_id, key, text, "
            "is_met, lock_version) VALUES (%s, %s, %s, 'erbij', false, 1)",
            [version.pk, item.pk, "0" * 32],
        ),
    ]
    if connection.vendor == "postgresql":  # SQLite: DELETE is refused by the ORM guards
        statements.append(
            ("DELETE FROM safetyplan_safetycondition WHERE version_id = %s", [version.pk])
        )
    for sql, params in statements:
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
    item.refresh_from_db()
    assert item.title != "x"
    assert version.conditions.count() == 3


def test_editing_an_adopted_version_through_a_service_is_refused(world):
    version = world.adopted()
    item = version.risk_items.first()
    with pytest.raises(ValidationError) as refused:
        services.risk_item_update(
            actor=world.coordinator, item=item, lock_version=item.lock_version, **item_fields()
        )
    assert "vastgesteld" in refused.value.messages[0]


def test_next_edit_starts_a_new_draft_copied_from_the_last_version(world):
    v1 = world.adopted()
    v2 = world.draft()
    assert (v2.number, v2.based_on) == (2, v1)
    assert v2.risk_items.count() == 3
    assert v2.conditions.count() == 3 and v2.agreements.count() == 3
    old, new = v1.risk_items.get(rank=1), v2.risk_items.get(rank=1)
    assert old.risk_id == new.risk_id and old.pk != new.pk
    assert {a.progress_id for a in v1.agreements.all()} == {
        a.progress_id for a in v2.agreements.all()
    }
    services.risk_item_update(
        actor=world.coordinator,
        item=new,
        lock_version=new.lock_version,
        **item_fields("Nieuwe titel"),
    )
    assert v1.risk_items.get(rank=1).title == "Situatie 1"


def test_replacing_keeps_the_replaced_item_in_history(world):
    version = world.adopted()
    draft = world.draft()
    third = draft.risk_items.get(rank=3)
    new = services.risk_item_replace(
        actor=world.coordinator,
        item=third,
        reason="Nieuwe dreiging is ernstiger.",
        **item_fields("Stalking bij school"),
    )
    third.refresh_from_db()
    assert (new.rank, third.status, third.rank, third.replaced_by) == (
        3,
        ItemStatus.REPLACED,
        None,
        new,
    )
    assert draft.risk_items.filter(status=ItemStatus.ACTIVE).count() == 3
    assert version.risk_items.filter(title="Situatie 3").exists()
    # its agreements' deadlines are cancelled; the new item is ready for its own
    cancelled = Deadline.objects.filter(
        source_id__in=third.agreements.values("progress_id"), kind=DeadlineKind.AGREEMENT
    )
    assert set(cancelled.values_list("status", flat=True)) == {DeadlineStatus.CANCELLED}
    with pytest.raises(ValidationError):
        services.risk_item_replace(
            actor=world.coordinator, item=new, reason=" ", **item_fields("x")
        )


def test_reranking_swaps_places(world):
    draft = world.draft()
    a, b = world.item(draft, 1), world.item(draft, 2)
    services.risk_items_rerank(actor=world.coordinator, version=draft, ranks={a.pk: 2, b.pk: 1})
    a.refresh_from_db(), b.refresh_from_db()
    assert (a.rank, b.rank, a.status) == (2, 1, ItemStatus.ACTIVE)
    with pytest.raises(ValidationError):
        services.risk_items_rerank(actor=world.coordinator, version=draft, ranks={a.pk: 1, b.pk: 1})


def test_agreement_needs_a_taking_part_owner_and_a_future_due_date(world):
    draft = world.draft()
    item = world.item(draft, 1)
    stranger = OrganisationFactory()
    cases = [
        ({"owner_organisation": None}, "owner_organisation", "Kies de organisatie"),
        ({"owner_organisation": stranger}, "owner_organisation", "neemt niet deel"),
        (
            {"due_date": timezone.localdate() - datetime.timedelta(days=1)},
            "due_date",
            "in het verleden",
        ),
    ]
    for override, field, text in cases:
        kwargs = {
            "actor": world.coordinator,
            "item": item,
            "description": "Controle",
            "owner_organisation": world.police,
            "due_date": timezone.localdate() + datetime.timedelta(days=3),
        } | override
        with pytest.raises(ValidationError) as refused:
            services.agreement_create(**kwargs)
        assert text in refused.value.message_dict[field][0]
    assert not SafetyAgreement.objects.exists()
    assert not Deadline.objects.filter(kind=DeadlineKind.AGREEMENT).exists()


def test_agreements_and_evaluations_feed_the_deadline_engine(world):
    draft = world.draft()
    item = world.item(draft, 1)
    agreement = world.agreement(item, days=5)
    deadline = Deadline.objects.get(kind=DeadlineKind.AGREEMENT)
    assert (deadline.case, deadline.owner_organisation, deadline.due_date, deadline.status) == (
        world.case,
        world.police,
        agreement.due_date,
        DeadlineStatus.OPEN,
    )
    evaluation = Deadline.objects.get(kind=DeadlineKind.EVALUATION)
    assert evaluation.due_date == item.next_evaluation
    services.agreement_set_status(
        actor=world.agent,
        agreement=agreement,
        status=AgreementStatus.DONE,
        notes="Gedaan",
        lock_version=agreement.progress.lock_version,
    )
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.DONE
    services.agreement_delete(actor=world.coordinator, agreement=SafetyAgreement.objects.get())
    deadline.refresh_from_db()
    assert deadline.status == DeadlineStatus.CANCELLED


def test_partner_updates_only_their_own_organisations_agreements(world):
    version = world.adopted()
    police_agreement = version.agreements.first()
    progress = services.agreement_set_status(
        actor=world.agent,
        agreement=police_agreement,
        status=AgreementStatus.DONE,
        notes="Controle uitgevoerd",
        lock_version=police_agreement.progress.lock_version,
    )
    assert (progress.status, progress.status_changed_by) == (AgreementStatus.DONE, world.agent)
    assert progress.status_changed_at is not None
    with pytest.raises(PermissionDenied):
        services.agreement_set_status(
            actor=world.vt_worker,
            agreement=police_agreement,
            status=AgreementStatus.NOT_MET,
            notes="",
            lock_version=progress.lock_version,
        )


@pytest.mark.parametrize("who", ["agent", "vt_worker"])
def test_partners_cannot_edit_the_draft(world, who):
    draft = world.draft()
    with pytest.raises(PermissionDenied):
        services.risk_item_create(actor=getattr(world, who), version=draft, rank=1, **item_fields())
    with pytest.raises(PermissionDenied):
        services.plan_start_draft(actor=getattr(world, who), case=world.case)
    item = world.item(draft, 1)
    world.condition(item)
    world.agreement(item)
    with pytest.raises(PermissionDenied):
        services.plan_adopt(actor=getattr(world, who), version=draft)


def test_stale_save_is_refused_with_the_stored_text(world):
    draft = world.draft()
    item = world.item(draft, 1)
    opened = item.lock_version
    services.risk_item_update(
        actor=world.coordinator,
        item=item,
        lock_version=opened,
        **item_fields(danger_statement="Tekst van collega"),
    )
    with pytest.raises(services.StaleEditError) as stale:
        services.risk_item_update(
            actor=world.coordinator,
            item=item,
            lock_version=opened,
            **item_fields(danger_statement="Mijn tekst"),
        )
    assert stale.value.current["danger_statement"] == "Tekst van collega"
    item.refresh_from_db()
    assert item.danger_statement == "Tekst van collega"
    # saving again from the current lock version is a conscious overwrite
    services.risk_item_update(
        actor=world.coordinator,
        item=item,
        lock_version=stale.value.lock_version,
        **item_fields(danger_statement="Mijn tekst"),
    )
    item.refresh_from_db()
    assert item.danger_statement == "Mijn tekst"


def test_stale_agreement_status_is_refused(world):
    version = world.adopted()
    agreement = version.agreements.first()
    opened = agreement.progress.lock_version
    services.agreement_set_status(
        actor=world.coordinator,
        agreement=agreement,
        status="done",
        notes="regisseur",
        lock_version=opened,
    )
    with pytest.raises(services.StaleEditError) as stale:
        services.agreement_set_status(
            actor=world.agent,
            agreement=agreement,
            status="not_met",
            notes="politie",
            lock_version=opened,
        )
    assert stale.value.current["notes"] == "regisseur"


@pytest.mark.parametrize("score", [-1, 11, "7", None])
def test_scale_score_outside_zero_to_ten_is_refused(world, score):
    version = world.adopted()
    risk = version.risk_items.first().risk
    with pytest.raises(ValidationError):
        services.scale_score_record(actor=world.agent, risk=risk, score=score)
    assert not ScaleScore.objects.exists()


def test_scale_scores_are_recorded_by_partners(world):
    version = world.adopted()
    risk = version.risk_items.first().risk
    entry = services.scale_score_record(actor=world.agent, risk=risk, score=4, note="Rustiger")
    assert (entry.score, entry.recorded_by, entry.organisation) == (4, world.agent, world.police)


def test_acknowledgement_once_per_organisation(world):
    version = world.adopted()
    ack = services.plan_acknowledge(actor=world.agent, version=version)
    assert (ack.organisation, ack.acknowledged_by) == (world.police, world.agent)
    with pytest.raises(ValidationError):
        services.plan_acknowledge(actor=world.agent, version=version)
    draft = world.draft()
    with pytest.raises(ValidationError):
        services.plan_acknowledge(actor=world.vt_worker, version=draft)


def _page_case(world):
    """The case as the case page reads it: with the guards' answers from its one query."""
    return case_page_get(world.coordinator, world.case.pk, now=timezone.now())


def _guards(world) -> tuple[bool, bool]:
    """Both guards asked of the plain case (their own queries) and of the page's case (its
    annotations, without queries); the two must agree at every step."""
    page_case = _page_case(world)
    with CaptureQueriesContext(connection) as page_queries:
        from_page = (
            guards.immediate_safety_reached(page_case),
            guards.care_agreements_in_place(page_case),
        )
    assert len(page_queries) == 0, "the page's case answers the guards without a query"
    plain = Case.objects.get(pk=world.case.pk)
    asked = (guards.immediate_safety_reached(plain), guards.care_agreements_in_place(plain))
    assert from_page == asked
    return asked


def _meet_every_condition(world, draft) -> None:
    for condition in draft.conditions.filter(is_met=False):
        services.condition_update(
            actor=world.coordinator,
            condition=condition,
            text=condition.text,
            is_met=True,
            lock_version=condition.lock_version,
        )


def test_guards_follow_the_latest_adopted_version(world):
    """(immediate safety reached, care agreements in place), for the plain case and the
    case page's case alike (_guards)."""
    assert _guards(world) == (False, False)
    world.adopted(met=False)
    assert _guards(world) == (False, False)
    draft = world.draft()
    _meet_every_condition(world, draft)
    assert _guards(world) == (False, False)  # a draft promises nothing
    services.plan_adopt(actor=world.coordinator, version=draft)
    assert _guards(world) == (True, False)
    draft = world.draft()
    for item in draft.risk_items.all():
        world.agreement(item, owner=world.vt, part=AgreementPart.CARE, text="Zorgtraject")
    assert _guards(world) == (True, False)  # the care agreements are in a draft still
    services.plan_adopt(actor=world.coordinator, version=draft)
    assert _guards(world) == (True, True)


def test_the_page_case_asks_the_guards_of_every_item(world):
    """One unmet condition of one item keeps immediate safety open; one item without a
    care agreement keeps the care guard closed, whatever the other items have."""
    version = world.draft()
    safe = world.item(version, 1)
    world.condition(safe, is_met=True)
    world.agreement(safe, owner=world.vt, part=AgreementPart.CARE, text="Zorgtraject")
    world.complete_item(version, 2, met=False)
    services.plan_adopt(actor=world.coordinator, version=version)
    assert _guards(world) == (False, False)
    draft = world.draft()
    _meet_every_condition(world, draft)
    services.plan_adopt(actor=world.coordinator, version=draft)
    assert _guards(world) == (True, False)  # the second item has no care agreement


def test_pdf_export_is_recorded_and_needs_an_adopted_version(world):
    version = world.adopted()
    content = services.plan_export_pdf(actor=world.agent, version=version)
    assert content.startswith(b"%PDF")
    assert AuditEntry.objects.filter(action=Action.EXPORT, case_id=world.case.pk).count() == 1
    draft = world.draft()
    with pytest.raises(ValidationError):
        services.plan_export_pdf(actor=world.coordinator, version=draft)


def test_adopting_notifies_the_case_team(world, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        version = world.adopted()
    notification = Notification.objects.get(recipient=world.coordinator, kind="plan-adopted")
    assert f"Versie {version.number} van het veiligheidsplan" in notification.message
    assert world.case.reference in notification.message


def test_save_without_its_version_token_is_refused_like_a_stale_one(world):
    """Issue 12: lock_version=None skipped the check and overwrote silently."""
    draft = world.draft()
    item = world.item(draft, 1)
    condition = world.condition(item)
    services.risk_item_update(
        actor=world.coordinator,
        item=item,
        lock_version=item.lock_version,
        **item_fields(danger_statement="Tekst van collega"),
    )
    with pytest.raises(services.StaleEditError) as stale:
        services.risk_item_update(
            actor=world.coordinator,
            item=item,
            lock_version=None,
            **item_fields(danger_statement="Mijn tekst"),
        )
    assert stale.value.current["danger_statement"] == "Tekst van collega"
    with pytest.raises(services.StaleEditError):
        services.condition_update(
            actor=world.coordinator,
            condition=condition,
            text="Ander",
            is_met=True,
            lock_version=None,
        )
    item.refresh_from_db()
    condition.refresh_from_db()
    assert item.danger_statement == "Tekst van collega"
    assert condition.text == "Mark heeft een contactverbod."
