# SPDX-License-Identifier: EUPL-1.2
"""Retention: a date per closed case, legal holds and extensions, the 30-day list, and an
irreversible anonymisation that leaves no personal datum anywhere."""

import datetime

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import DatabaseError, connection, models, transaction
from django.utils import timezone

from audit.models import AuditEntry
from casework.models import CaseNote, CoordinationTransfer, Incident, Person
from casework.services.cases import person_update
from conferences.models import Action as ConferenceAction
from conferences.models import CaseConference, ConferenceCase, Decision
from deadlines.models import Deadline
from documents.models import Document, DocumentVersion
from huisverbod.models import Huisverbod
from notifications.models import Notification
from perpetrator.models import Breach, Condition, Custody
from privacy.models import Anonymisation, DataSubjectRequest, Restriction
from privacy.selectors import case_retention, cases_due_for_anonymisation
from privacy.services import (
    case_anonymise,
    huisverbod_decisions_expire,
    informing_record,
    legal_hold_lift,
    legal_hold_place,
    retention_anonymise_due,
    retention_extend,
)
from privacy.tasks import retention_anonymise_due_task
from safetyplan.models import (
    AgreementProgress,
    FrozenVersionError,
    PlanVersion,
    RecoveryPlan,
    Risk,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    SafetyPlan,
    ScaleScore,
    TextErasure,
)
from tests.factories import UserFactory
from tests.privacy.helpers import closed_case, later
from timeliness.models import TargetMiss

pytestmark = pytest.mark.django_db

TERM = 30


@pytest.fixture(autouse=True)
def _short_term(settings):
    settings.CASUSREGIE_RETENTION_DAYS = TERM


def test_a_closed_case_has_a_retention_date_shown_on_the_case(client):
    case = closed_case()
    retention = case_retention(case, today=timezone.localdate())
    assert retention.retain_until == timezone.localdate() + datetime.timedelta(days=TERM)
    client.force_login(case.coordinator)
    body = client.get(f"/cases/{case.pk}/").content.decode()
    assert "Bewaartermijn tot" in body


def test_an_extension_is_a_recorded_decision_with_a_reason():
    case = closed_case()
    with pytest.raises(ValidationError) as refused:
        retention_extend(actor=case.coordinator, case=case, days=0, reason="")
    assert set(refused.value.message_dict) == {"days", "reason"}
    retention_extend(actor=case.coordinator, case=case, days=10, reason="Klacht loopt (fictief)")
    retention = case_retention(case, today=timezone.localdate())
    assert retention.retain_until == timezone.localdate() + datetime.timedelta(days=TERM + 10)


@pytest.mark.parametrize("days", ["99999999999999999999", "3651", "-5", "tien"])
def test_an_extension_beyond_reason_is_refused_on_the_page_keeping_the_reason(client, days):
    """A number of days past the database (a 500 before) or past ten years is a Dutch
    message on the page; the reason typed stays."""
    case = closed_case()
    client.force_login(case.coordinator)
    reason = "Klacht van Ayşe Kılıç loopt nog (fictief)"
    response = client.post(f"/cases/{case.pk}/bewaartermijn/", {"days": days, "reason": reason})
    page = response.content.decode()
    assert response.status_code == 200
    assert any(
        text in page
        for text in ("hoogstens 3650 dagen", "positief aantal dagen", "heel aantal dagen")
    )
    assert reason in page
    with pytest.raises(ValidationError):
        retention_extend(actor=case.coordinator, case=case, days=3651, reason=reason)


def test_a_legal_hold_needs_a_reason_and_stops_the_clock(client):
    case = closed_case()
    client.force_login(case.coordinator)
    response = client.post(f"/cases/{case.pk}/bewaarplicht/", {"reason": "", "until": ""})
    assert "Geef de reden van de bewaarplicht." in response.content.decode()
    hold = legal_hold_place(
        actor=case.coordinator, case=case, reason="Strafzaak loopt (fictief)", until=None
    )
    assert retention_anonymise_due(now=later(TERM + 5)) == 0
    with pytest.raises(ValidationError):
        case_anonymise(case=case, now=later(TERM + 5))
    legal_hold_lift(actor=case.coordinator, hold=hold)
    assert retention_anonymise_due(now=later(TERM + 5)) == 1


def test_never_with_a_running_huisverbod():
    case = closed_case()
    Huisverbod.objects.create(
        case=case,
        person=case.persons.get(is_perpetrator=True),
        imposed_at=timezone.now(),
        imposed_by="mayor",
        ends_at=timezone.now() + datetime.timedelta(days=10),
        recorded_by=case.coordinator,
    )
    assert retention_anonymise_due(now=later(TERM + 5)) == 0
    assert not Anonymisation.objects.filter(case=case).exists()


def test_the_huisverbod_decision_keeps_its_own_term_then_its_personal_data_go(settings):
    settings.CASUSREGIE_HUISVERBOD_RETENTION_DAYS = 90
    case = closed_case()
    huisverbod = Huisverbod.objects.create(
        case=case,
        person=case.persons.get(is_perpetrator=True),
        imposed_at=timezone.now() - datetime.timedelta(days=40),
        imposed_by="mayor",
        ends_at=timezone.now() - datetime.timedelta(days=30),
        reachable_address="Logeeradres Tulpstraat 4, Hengelo (fictief)",
        extension_reason="Kees Pleegmans bleef dreigen (fictief)",
        recorded_by=case.coordinator,
    )
    Huisverbod.objects.filter(pk=huisverbod.pk).update(status="ended")
    # The case is anonymised after its term; the decision stays, whole, on its own term.
    retention_anonymise_due_task.apply()
    assert retention_anonymise_due(now=later(TERM + 1)) == 1
    assert huisverbod_decisions_expire(now=later(TERM + 1)) == 0
    huisverbod.refresh_from_db()
    assert huisverbod.reachable_address.startswith("Logeeradres")
    # Ninety days after its end (sixty from now) it goes; dates and status stay; logged once.
    assert huisverbod_decisions_expire(now=later(59)) == 0
    assert huisverbod_decisions_expire(now=later(61)) == 1
    huisverbod.refresh_from_db()
    assert huisverbod.reachable_address == ""
    assert "Pleegmans" not in huisverbod.extension_reason
    assert huisverbod.status == "ended" and huisverbod.imposed_at is not None
    assert huisverbod_decisions_expire(now=later(62)) == 0
    assert (
        AuditEntry.objects.filter(
            case_id=case.pk, action="delete", object_type="huisverbod.Huisverbod"
        ).count()
        == 1
    )


def test_a_huisverbod_decision_of_a_case_not_anonymised_is_kept(settings):
    settings.CASUSREGIE_HUISVERBOD_RETENTION_DAYS = 1
    case = closed_case()
    huisverbod = Huisverbod.objects.create(
        case=case,
        person=case.persons.get(is_perpetrator=True),
        imposed_at=timezone.now() - datetime.timedelta(days=40),
        imposed_by="mayor",
        ends_at=timezone.now() - datetime.timedelta(days=30),
        reachable_address="Logeeradres Tulpstraat 4, Hengelo (fictief)",
        recorded_by=case.coordinator,
    )
    Huisverbod.objects.filter(pk=huisverbod.pk).update(status="ended")
    assert huisverbod_decisions_expire(now=timezone.now()) == 0
    huisverbod.refresh_from_db()
    assert huisverbod.reachable_address


def test_nothing_happens_before_the_date():
    closed_case()
    assert retention_anonymise_due(now=later(TERM - 1)) == 0


def test_coordinators_and_log_managers_see_the_cases_due_in_the_next_30_days(client):
    case = closed_case()
    today = timezone.localdate()
    assert [c for c, _ in cases_due_for_anonymisation(user=case.coordinator, today=today)] == [case]
    log_manager = UserFactory(log_manager=True)
    client.force_login(log_manager)
    assert case.reference in client.get("/privacy/bewaartermijnen/").content.decode()
    client.force_login(UserFactory(partner=True))
    assert client.get("/privacy/bewaartermijnen/").status_code == 404
    far = today - datetime.timedelta(days=60)
    assert cases_due_for_anonymisation(user=case.coordinator, today=far) == []


def _all_text(exclude_models=()) -> str:
    """Every text and date value of every table (including history and notifications)."""
    chunks = []
    for model in apps.get_models(include_auto_created=True):
        if model in exclude_models or not model._meta.managed:
            continue
        fields = [
            f.column
            for f in model._meta.concrete_fields
            if isinstance(
                f, models.CharField | models.TextField | models.DateField | models.JSONField
            )
        ]
        if not fields:
            continue
        table = connection.ops.quote_name(model._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in fields)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {cols} FROM {table}")  # noqa: S608 (names from models)
            for row in cursor.fetchall():
                chunks.extend(str(value) for value in row if value is not None)
    return "\n".join(chunks)


def test_no_personal_datum_of_an_anonymised_case_remains_in_any_table(
    django_capture_on_commit_callbacks,
):
    case = closed_case(confidential_address="Opvang Geheimstraat 7")
    perpetrator = case.persons.get(is_perpetrator=True)
    # A change leaves old values in the change history…
    person_update(
        actor=case.coordinator,
        case=case,
        person=perpetrator,
        roles=["perpetrator"],
        first_name="Kees",
        last_name="Pleegmans",
        date_of_birth=datetime.date(1984, 3, 9),
        phone="0687654321",
        email="kees.pleegmans@voorbeeld.invalid",
        address="Oude Markt 3, Enschede",
        confidential_address="Opvang Geheimstraat 7",
    )
    informing_record(
        actor=case.coordinator,
        person=perpetrator,
        informed_on=None,
        method="",
        postponed_reason="Kees Pleegmans mag het nog niet weten",
        postponed_until=timezone.localdate() + datetime.timedelta(days=3),
    )
    Notification.objects.create(
        recipient=case.coordinator, kind="test", message=f"Casus {case.reference}", case_id=case.pk
    )
    # Free text around the persons (written directly: the case is closed) names them too.
    case.memberships.organisations().update(sharing_note="Hulpverlener van Kees Pleegmans")
    case.closure_requests.update(acknowledged_open_items="Afspraak met Pleegmans liep nog")
    CoordinationTransfer.objects.create(
        case=case,
        from_organisation=case.coordinator.organisation,
        to_organisation=case.coordinator.organisation,
        to_coordinator=case.coordinator,
        requested_by=case.coordinator,
        reason="Pleegmans verhuisde naar een andere regio",
        status=CoordinationTransfer.Status.DECLINED,
    )
    conference = CaseConference.objects.create(
        kind="code_rood",
        starts_at=timezone.now() - datetime.timedelta(days=3),
        location="ZVH (fictief)",
        created_by=case.coordinator,
    )
    part = ConferenceCase.objects.create(
        conference=conference, case=case, notes="Pleegmans kwam niet opdagen"
    )
    Decision.objects.create(part=part, text="Pleegmans uitnodigen", recorded_by=case.coordinator)
    ConferenceAction.objects.create(
        part=part,
        description="Pleegmans bellen",
        due_date=timezone.localdate(),
        owner_organisation=case.coordinator.organisation,
        no_risk_reason="Pleegmans wil eerst praten",  # issue 20
        recorded_by=case.coordinator,
    )
    deadline = Deadline.objects.filter(case=case).first() or Deadline.objects.create(
        case=case,
        kind="action",
        source_type="conferences.action",
        source_id=0,
        title="Pleegmans bellen",
        owner_organisation=case.coordinator.organisation,
        due_date=timezone.localdate(),
    )
    Deadline.objects.filter(pk=deadline.pk).update(title="Pleegmans bellen")
    # The journal, the perpetrator's track and a document (issues 16 and 20).
    organisation = case.coordinator.organisation
    CaseNote.objects.create(
        case=case, text="Gebeld met Kees Pleegmans", organisation=organisation,
        author=case.coordinator,
    )  # fmt: skip
    track = {"case": case, "person": perpetrator, "reported_by_organisation": organisation,
             "recorded_by": case.coordinator}  # fmt: skip
    condition = Condition.objects.create(
        **track, kind="contact_ban", imposed_by="court", starts_on=timezone.localdate(),
        details="Geen contact met Sanne de Vries",
    )  # fmt: skip
    Custody.objects.create(**track, custody_on=timezone.localdate(), details="Pleegmans in PI")
    Breach.objects.create(
        **track, condition=condition, occurred_at=timezone.now(),
        description="Pleegmans stond bij Lindelaan 12",
        incident=Incident.objects.filter(case=case).first(),
    )  # fmt: skip
    document = Document.objects.create(
        case=case, title="Aangifte tegen Pleegmans", kind=Document._meta.get_field(
            "kind").choices[0][0], document_date=timezone.localdate(), organisation=organisation,
        created_by=case.coordinator,
    )  # fmt: skip
    version = DocumentVersion(
        document=document, number=1, original_name="aangifte-pleegmans.pdf",
        content_type="application/pdf", size=4, sha256="0" * 64, uploaded_by=case.coordinator,
    )  # fmt: skip
    version.file.save("aangifte.pdf", ContentFile(b"%PDF"), save=False)
    version.save()
    stored = version.file.name
    assert version.file.storage.exists(stored)
    plan_counts = _plan_with_secrets(case, perpetrator)
    # A reason for a missed time limit may name someone despite the form's advice (issue 20).
    TargetMiss.objects.create(
        case=case, target="plan_adopted", due_at=timezone.now(), detected_at=timezone.now(),
        reason="Pleegmans hield de opvang tegen", reason_by=case.coordinator,
        reason_at=timezone.now(),
    )  # fmt: skip
    restriction_request = DataSubjectRequest.objects.create(
        kind="restriction", received_on=timezone.localdate(), due_on=timezone.localdate(),
        registered_by=case.coordinator,
    )  # fmt: skip
    Restriction.objects.create(
        person=perpetrator, request=restriction_request, granted_by=case.coordinator,
        reason="Pleegmans betwist zijn adres", lifted_at=timezone.now(),
        lifted_by=case.coordinator, lift_reason="Adres van Pleegmans klopt",
    )  # fmt: skip
    partners_before = list(
        case.memberships.organisations().values_list("organisation_id", "purpose_id", "legal_basis")
    )
    persons_before = Person.objects.filter(case=case).count()
    victims_before = Person.objects.filter(case=case, is_victim=True).count()
    incidents_before = Incident.objects.filter(case=case).count()
    secrets = [
        "Pleegmans",
        "Sanne",
        "de Vries",
        "1984-03-09",
        "1990-05-17",
        "0612345678",
        "0687654321",
        "kees.pleegmans@voorbeeld.invalid",
        "Lindelaan 12",
        "Oude Markt 3",
        "Opvang Geheimstraat 7",
        "bedreigde Sanne met een mes",
        "Acuut gevaar na herhaald geweld",
        "Pleegmans-vastgesteld",  # an adopted version's text…
        "Pleegmans-concept",  # …and a draft's
    ]
    before = _all_text()
    assert all(secret in before for secret in secrets)  # the check can fail

    retention_anonymise_due_task.apply()  # nothing yet: the date is in the future
    assert not Anonymisation.objects.filter(case=case).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assert retention_anonymise_due(now=later(TERM + 1)) == 1

    after = _all_text()
    assert [secret for secret in secrets if secret in after] == []
    assert not version.file.storage.exists(stored)  # the document's file is gone too
    # The factsheet's counts stay.
    assert Person.objects.filter(case=case).count() == persons_before
    assert Person.objects.filter(case=case, is_victim=True).count() == victims_before
    assert Incident.objects.filter(case=case).count() == incidents_before
    # The plan keeps its structure for the factsheet: rows, statuses, ranks, dates.
    assert _plan_counts(case) == plan_counts
    # Who shared on which basis stays (accountability); only the free text went.
    assert partners_before == list(
        case.memberships.organisations().values_list("organisation_id", "purpose_id", "legal_basis")
    )
    # Logged, and cannot run twice.
    assert AuditEntry.objects.filter(
        case_id=case.pk, action="delete", object_type="privacy.Anonymisation"
    ).exists()
    with pytest.raises(ValidationError):
        case_anonymise(case=case, now=later(TERM + 2))


def _plan_with_secrets(case, perpetrator):
    """An adopted version and a draft whose every free-text field names the perpetrator
    (written directly: the case is closed), with change history, progress and a score."""
    coordinator, organisation = case.coordinator, case.coordinator.organisation
    plan = SafetyPlan.objects.create(case=case, created_by=coordinator)
    risk = Risk.objects.create(plan=plan)
    progress = AgreementProgress.objects.create(
        plan=plan, status="not_met", notes="Pleegmans-vastgesteld kwam niet"
    )
    ScaleScore.objects.create(
        risk=risk, score=3, note="Pleegmans-vastgesteld dreigt", recorded_at=timezone.now(),
        recorded_by=coordinator, organisation=organisation,
    )  # fmt: skip
    for number, word in ((1, "Pleegmans-vastgesteld"), (2, "Pleegmans-concept")):
        version = PlanVersion.objects.create(
            plan=plan, number=number, created_by=coordinator, care_plan_summary=f"{word} zorg"
        )
        item = RiskItem.objects.create(
            version=version, risk=risk, rank=1, title=f"{word} titel", facts_who=word,
            facts_what=word, facts_to_whom=word, facts_when=word, facts_impact=word,
            danger_statement=word, safety_goal=word, consequences=word, supervision=word,
            next_evaluation=timezone.localdate(),
        )  # fmt: skip
        item.title = f"{word} titel gewijzigd"  # a second row in the change history
        item.save()
        SafetyCondition.objects.create(version=version, risk_item=item, text=word)
        SafetyAgreement.objects.create(
            version=version, risk_item=item, progress=progress, description=word,
            owner_organisation=organisation, due_date=timezone.localdate(),
        )  # fmt: skip
        RecoveryPlan.objects.create(version=version, person=perpetrator, goals=word, support=word)
        if number == 1:
            PlanVersion.objects.filter(pk=version.pk).update(
                status="adopted", adopted_at=timezone.now(), adopted_by=coordinator
            )
    return _plan_counts(case)


def _plan_counts(case):
    versions = PlanVersion.objects.filter(plan__case=case)
    return {
        "versions": list(versions.values_list("number", "status", "adopted_at")),
        "items": list(
            RiskItem.objects.filter(version__in=versions).values_list(
                "version__number", "rank", "status", "next_evaluation"
            )
        ),
        "conditions": SafetyCondition.objects.filter(version__in=versions).count(),
        "agreements": list(
            SafetyAgreement.objects.filter(version__in=versions).values_list(
                "version__number", "part", "due_date", "progress__status"
            )
        ),
        "recovery_plans": RecoveryPlan.objects.filter(version__in=versions).count(),
        "scores": list(ScaleScore.objects.filter(risk__plan__case=case).values_list("score")),
    }


def test_the_freeze_holds_for_everybody_but_the_anonymisation():
    """The erasure's exception opens only inside the anonymisation's own transaction: an
    ordinary update of an adopted version is refused before and after it, by the ORM and by
    the database itself, and no erasure row is left behind."""
    case = closed_case()
    _plan_with_secrets(case, case.persons.get(is_perpetrator=True))
    adopted = PlanVersion.objects.get(plan__case=case, status="adopted")
    item = adopted.risk_items.get()

    def refused():
        with pytest.raises(FrozenVersionError):
            RiskItem.objects.filter(pk=item.pk).update(title="gewijzigd")
        for sql, params in (
            ("UPDATE safetyplan_riskitem SET title = %s WHERE id = %s", ["gewijzigd", item.pk]),
            ("UPDATE safetyplan_planversion SET care_plan_summary = %s WHERE id = %s",
             ["gewijzigd", adopted.pk]),
        ):  # fmt: skip
            with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
                cur.execute(sql, params)

    refused()
    assert retention_anonymise_due(now=later(TERM + 1)) == 1
    item.refresh_from_db()
    assert item.title == "[geanonimiseerd]" and item.rank == 1
    assert not TextErasure.objects.exists()
    refused()
    # Even with an erasure row, the exception is for updates only: never a new row.
    with pytest.raises(DatabaseError), transaction.atomic():
        TextErasure.objects.create(version=adopted)
        with connection.cursor() as cur:
            cur.execute(
                "INSERT INTO safetyplan_safetycondition (version_id, risk_item_id, key, text, "
                "is_met, lock_version) VALUES (%s, %s, %s, 'erbij', false, 1)",
                [adopted.pk, item.pk, "0" * 32],
            )
    assert not TextErasure.objects.exists()
