# SPDX-License-Identifier: EUPL-1.2
"""The only code that writes privacy data: informing, requests, retention, LDV lines."""

import secrets
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record, current_trace_id
from casework.models import Case, CaseNote, Incident, Person, SharingPurpose
from casework.permissions import can_manage_case
from conferences.models import Action as ConferenceAction
from conferences.models import ConferenceCase, Decision
from config.bulk import unnest_insert
from deadlines.models import Deadline, DeadlineKind, DeadlineStatus, Escalation
from deadlines.services.sync import deadline_sync
from documents.models import DocumentVersion
from documents.services import document_files_delete, documents_erase
from huisverbod.models import RUNNING, Huisverbod, Toetsing
from perpetrator.models import Breach, Condition, Custody
from privacy import permissions
from privacy.models import (
    MAX_EXTENSION_DAYS,
    Anonymisation,
    DataSubjectRequest,
    InformingMethod,
    LdvRecord,
    LdvStatus,
    LegalHold,
    PersonInforming,
    RequestKind,
    RequestStatus,
    RequestStep,
    Restriction,
    RetentionExtension,
)
from privacy.register import activity_for
from privacy.selectors import add_months, case_retention, cases_past_retention
from safetyplan.services.erasure import plan_text_erase
from timeliness.models import TargetMiss

SYSTEM = "systeem:bewaartermijn"
ANONYMISED = "[geanonimiseerd]"

# --- Logboek Dataverwerkingen --------------------------------------------------------


def ldv_record_entries(entries) -> None:
    """Access-log listener: one LDV line per person whose data an entry processed."""
    trace_id = current_trace_id()
    records = []
    for entry in entries:
        if not entry.person_ids:
            continue
        status = LdvStatus.ERROR if entry.action == Action.DENIED else LdvStatus.OK
        for person_id in entry.person_ids.strip("|").split("|"):
            records.append(
                LdvRecord(
                    trace_id=trace_id,
                    span_id=secrets.token_hex(8),
                    name=f"{entry.action}:{entry.object_type}"[:100],
                    activity_id=activity_for(action=entry.action, object_type=entry.object_type),
                    status_code=status,
                    start_time=entry.at,
                    end_time=entry.at,
                    data_subject_id=person_id,
                )
            )
    if not records:
        return
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # written once per shape (config.bulk, §33)
            unnest_insert(cursor, LdvRecord, records, returning=False)
    else:
        LdvRecord.objects.bulk_create(records)


# --- informing ---------------------------------------------------------------------------


def _informing_deadline(person: Person, *, due_date: date, status: str) -> None:
    case = person.case
    deadline_sync(
        case=case,
        kind=DeadlineKind.INFORMING,
        source=person,
        title=_("Betrokkene informeren over de gegevensverwerking"),
        owner_organisation=case.coordinator.organisation,
        owner_user=case.coordinator,
        due_date=due_date,
        status=status,
    )


@transaction.atomic
def informing_record(
    *,
    actor: User,
    person: Person,
    informed_on: date | None,
    method: str,
    informed_by: User | None = None,
    postponed_reason: str = "",
    postponed_until: date | None = None,
) -> PersonInforming:
    """Record that a person was informed (when, how, by whom), or why informing is
    postponed and until when. A postponement keeps the coordinator's deadline open at
    its end date."""
    case = person.case
    if not can_manage_case(actor, case):
        raise PermissionDenied
    today = timezone.localdate()
    errors = {}
    if informed_on is not None:
        if informed_on > today:
            errors["informed_on"] = _("De datum van informeren ligt in de toekomst.")
        if method not in InformingMethod.values:
            errors["method"] = _("Kies hoe de betrokkene is geïnformeerd.")
        postponed_reason, postponed_until = "", None
    else:
        if not postponed_reason.strip():
            errors["postponed_reason"] = _(
                "Vul de datum van informeren in, of de reden waarom informeren wordt uitgesteld."
            )
        if postponed_until is None:
            errors["postponed_until"] = _("Vul in tot wanneer informeren wordt uitgesteld.")
        elif postponed_until <= today:
            errors["postponed_until"] = _("Het uitstel moet eindigen na vandaag.")
        method = ""
    if errors:
        raise ValidationError(errors)
    informing, _created = PersonInforming.objects.update_or_create(
        person=person,
        defaults={
            "informed_on": informed_on,
            "method": method,
            "informed_by": (informed_by or actor) if informed_on else None,
            "postponed_reason": postponed_reason.strip(),
            "postponed_until": postponed_until,
            "recorded_by": actor,
        },
    )
    if informed_on is not None:
        _informing_deadline(person, due_date=informed_on, status=DeadlineStatus.DONE)
    else:
        _informing_deadline(person, due_date=postponed_until, status=DeadlineStatus.OPEN)
    audit_record(actor=actor, action=Action.UPDATE, case=case, obj=informing, persons=[person])
    return informing


def informing_deadlines_sync(*, now: datetime) -> int:
    """Scan step: every person on an open case who is not yet informed (nor postponed) has
    a deadline of the coordinator, due a configurable number of days after registration."""
    days = settings.CASUSREGIE_INFORMING_DAYS
    pending = (
        Person.objects.filter(informing__isnull=True, case__coordinator__isnull=False)
        .exclude(case__phase="closed")
        .exclude(
            pk__in=_deadline_source_ids(),
        )
        .select_related("case__coordinator__organisation")
    )
    count = 0
    for person in pending:
        with transaction.atomic():
            due = timezone.localtime(person.created_at).date() + timedelta(days=days)
            _informing_deadline(person, due_date=due, status=DeadlineStatus.OPEN)
            count += 1
    return count


def _deadline_source_ids():
    return Deadline.objects.filter(source_type="casework.person").values("source_id")


# --- data-subject requests ---------------------------------------------------------------


@transaction.atomic
def request_register(
    *,
    actor: User,
    kind: str,
    persons: list[Person],
    received_on: date,
    description: str = "",
) -> DataSubjectRequest:
    """Register a request for every case at once; due one month after receipt."""
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    errors = {}
    if kind not in RequestKind.values:
        errors["kind"] = _("Kies het soort verzoek.")
    if not persons:
        errors["persons"] = _(
            "Zoek de verzoeker op naam en geboortedatum en kies ten minste één gevonden betrokkene."
        )
    if received_on > timezone.localdate():
        errors["received_on"] = _("De datum van ontvangst ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    request = DataSubjectRequest.objects.create(
        kind=kind,
        received_on=received_on,
        due_on=add_months(received_on, 1),
        description=description.strip(),
        registered_by=actor,
    )
    request.persons.set(persons)
    audit_record(
        actor=actor,
        action=Action.CREATE,
        obj=request,
        persons=persons,
        purpose=_("Verzoek van betrokkene"),
    )
    return request


@transaction.atomic
def request_extend(*, actor: User, request: DataSubjectRequest, reason: str) -> DataSubjectRequest:
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de verlenging.")})
    if request.extension_reason:
        raise ValidationError(_("Dit verzoek is al verlengd."))
    request.due_on = add_months(
        request.received_on, 1 + settings.CASUSREGIE_REQUEST_EXTENSION_MONTHS
    )
    request.extension_reason = reason.strip()
    request.save(update_fields=["due_on", "extension_reason"])
    request_step_record(
        actor=actor,
        request=request,
        description=_("Termijn verlengd: %(reason)s") % {"reason": reason.strip()},
    )
    return request


@transaction.atomic
def request_step_record(
    *, actor: User, request: DataSubjectRequest, description: str, case_id: int | None = None
) -> RequestStep:
    """Record what was done for a request (a copy sent, a correction or restriction carried
    out by the coordinator through the normal services)."""
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    if not description.strip():
        raise ValidationError({"description": _("Beschrijf wat er is gedaan.")})
    step = RequestStep.objects.create(
        request=request, description=description.strip(), case_id=case_id, actor=actor
    )
    audit_record(
        actor=actor,
        action=Action.UPDATE,
        case_id=case_id,
        obj=request,
        persons=list(request.persons.all()),
    )
    return step


@transaction.atomic
def request_complete(*, actor: User, request: DataSubjectRequest) -> DataSubjectRequest:
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    request.status = RequestStatus.DONE
    request.completed_at = timezone.now()
    request.save(update_fields=["status", "completed_at"])
    request_step_record(actor=actor, request=request, description=_("Verzoek afgehandeld"))
    return request


# --- restriction (AVG art. 18) -----------------------------------------------------------


def restricted_person_ids(person_ids) -> set[int]:
    """Registered with casework.restrictions: which of these persons are restricted now."""
    return set(
        Restriction.objects.filter(
            person_id__in=list(person_ids), lifted_at__isnull=True
        ).values_list("person_id", flat=True)
    )


@transaction.atomic
def restriction_grant(
    *, actor: User, request: DataSubjectRequest, person: Person, reason: str
) -> Restriction:
    """Carry out a restriction request for one registration of the person."""
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    if request.kind != RequestKind.RESTRICTION or request.status != RequestStatus.OPEN:
        raise ValidationError(_("Beperken kan alleen bij een openstaand verzoek om beperking."))
    if not request.persons.filter(pk=person.pk).exists():
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de beperking (AVG art. 18 lid 1).")})
    if Restriction.objects.filter(person=person, lifted_at__isnull=True).exists():
        raise ValidationError(_("De verwerking voor deze betrokkene is al beperkt."))
    restriction = Restriction.objects.create(
        person=person, request=request, reason=reason.strip(), granted_by=actor
    )
    audit_record(
        actor=actor, action=Action.CREATE, case_id=person.case_id, obj=restriction,
        persons=[person], purpose=_("Beperking van de verwerking"),
    )  # fmt: skip
    request_step_record(
        actor=actor, request=request, case_id=person.case_id,
        description=_("Verwerking beperkt in casus %(case)s")
        % {"case": person.case.reference},
    )  # fmt: skip
    return restriction


@transaction.atomic
def restriction_lift(*, actor: User, restriction: Restriction, reason: str) -> Restriction:
    """Lift a restriction (the person is told beforehand, AVG art. 18 lid 3). Logged."""
    if not permissions.can_handle_requests(actor):
        raise PermissionDenied
    restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
    if restriction.lifted_at is not None:
        raise ValidationError(_("Deze beperking is al opgeheven."))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van het opheffen van de beperking.")})
    restriction.lifted_at = timezone.now()
    restriction.lifted_by = actor
    restriction.lift_reason = reason.strip()
    restriction.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    person = restriction.person
    audit_record(
        actor=actor, action=Action.UPDATE, case_id=person.case_id, obj=restriction,
        persons=[person], purpose=_("Beperking van de verwerking opgeheven"),
    )  # fmt: skip
    RequestStep.objects.create(
        request=restriction.request, case_id=person.case_id, actor=actor,
        description=_("Beperking opgeheven in casus %(case)s")
        % {"case": person.case.reference},
    )  # fmt: skip
    return restriction


# --- retention -------------------------------------------------------------------------


@transaction.atomic
def legal_hold_place(*, actor: User, case: Case, reason: str, until: date | None) -> LegalHold:
    if not permissions.can_manage_retention(actor, case):
        raise PermissionDenied
    errors = {}
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de bewaarplicht.")
    if until is not None and until <= timezone.localdate():
        errors["until"] = _("De bewaarplicht moet eindigen na vandaag.")
    if errors:
        raise ValidationError(errors)
    hold = LegalHold.objects.create(case=case, reason=reason.strip(), until=until, placed_by=actor)
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=hold)
    return hold


@transaction.atomic
def legal_hold_lift(*, actor: User, hold: LegalHold) -> LegalHold:
    if not permissions.can_manage_retention(actor, hold.case):
        raise PermissionDenied
    if hold.lifted_at is not None:
        raise ValidationError(_("Deze bewaarplicht is al opgeheven."))
    hold.lifted_at = timezone.now()
    hold.lifted_by = actor
    hold.save(update_fields=["lifted_at", "lifted_by"])
    audit_record(actor=actor, action=Action.UPDATE, case=hold.case, obj=hold)
    return hold


@transaction.atomic
def retention_extend(
    *, actor: User, case: Case, days: int | None, reason: str
) -> RetentionExtension:
    if not permissions.can_manage_retention(actor, case):
        raise PermissionDenied
    errors = {}
    if days is None or days <= 0:
        errors["days"] = _("De verlenging moet een positief aantal dagen zijn.")
    elif days > MAX_EXTENSION_DAYS:
        errors["days"] = _("Verlengen kan met hoogstens %(limit_value)s dagen tegelijk.") % {
            "limit_value": MAX_EXTENSION_DAYS
        }
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de verlenging.")
    if errors:
        raise ValidationError(errors)
    extension = RetentionExtension.objects.create(
        case=case, days=days, reason=reason.strip(), decided_by=actor
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=extension)
    return extension


@transaction.atomic
def case_anonymise(*, case: Case, now: datetime) -> Anonymisation:
    """Remove a closed case's personal data, irreversibly. Names, dates of birth, contact
    data, addresses and free text of persons and incidents are replaced, and so is the
    free text around them (registration and closing reasons, a handover's reason, the
    note on each partner's sharing, the safety plan's text); the rows stay, so
    the factsheet's counts (persons per role, incidents, phases) are unchanged. The change
    history of those rows goes too. Never under a legal hold, never with a running
    huisverbod; the huisverbod decision itself keeps its own term."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    retention = case_retention(case, today=timezone.localdate(now))
    if not case.is_closed:
        raise ValidationError(_("Alleen een afgesloten casus kan worden geanonimiseerd."))
    if Anonymisation.objects.filter(case=case).exists():
        raise ValidationError(_("Deze casus is al geanonimiseerd."))
    if retention.on_hold:
        raise ValidationError(_("Op deze casus rust een bewaarplicht."))
    if Huisverbod.objects.filter(case=case, status__in=RUNNING).exists():
        raise ValidationError(_("Bij deze casus loopt een huisverbod."))
    persons = list(Person.objects.filter(case=case).only("pk"))
    # Updates through the queryset: no history row is written for the anonymised values.
    for person in persons:
        Person.objects.filter(pk=person.pk).update(
            first_name=_("Betrokkene"),
            last_name=f"#{person.pk}",
            date_of_birth=None,
            phone="",
            email="",
            address="",
            confidential_address="",
            search_name="",
        )
    incidents = Incident.objects.filter(case=case).update(description=ANONYMISED)
    Case.objects.filter(pk=case.pk).update(escalation_reason=ANONYMISED)
    person_ids = [p.pk for p in persons]
    Person.changes.model.objects.filter(id__in=person_ids).delete()
    Incident.changes.model.objects.filter(case_id=case.pk).delete()
    Case.changes.model.objects.filter(id=case.pk).delete()
    Restriction.objects.filter(person_id__in=person_ids).update(reason=ANONYMISED, lift_reason="")
    PersonInforming.objects.filter(person_id__in=person_ids).exclude(postponed_reason="").update(
        postponed_reason=ANONYMISED
    )
    # The toetsing's free text is not the huisverbod decision (kept on its own term).
    Toetsing.objects.filter(case=case).update(participants=ANONYMISED, notes="")
    case.closure_requests.update(summary=ANONYMISED, decision_reason="", acknowledged_open_items="")
    case.coordination_transfers.update(reason=ANONYMISED)
    # What the case conference wrote about the household (minutes have no freezing trigger).
    ConferenceCase.objects.filter(case=case).exclude(notes="").update(notes=ANONYMISED)
    Decision.objects.filter(part__case=case).update(text=ANONYMISED)
    ConferenceAction.objects.filter(part__case=case).update(description=ANONYMISED)
    ConferenceAction.objects.filter(part__case=case).exclude(no_risk_reason="").update(
        no_risk_reason=ANONYMISED
    )
    # The deadline engine copies the descriptions of actions and agreements; managers'
    # escalation decisions have a free-text reason.
    Deadline.objects.filter(case=case).update(title=ANONYMISED)
    Escalation.objects.filter(case=case).exclude(reason="").update(reason=ANONYMISED)
    # The partners' purpose and legal basis stay (accountability); the free text goes.
    case.memberships.exclude(sharing_note="").update(sharing_note=ANONYMISED)
    case.memberships.exclude(reason="").update(reason=ANONYMISED)
    case.history.update(reason=ANONYMISED)
    # The journal, the perpetrator's track and the documents (issues 16 and 20).
    CaseNote.objects.filter(case=case).update(text=ANONYMISED)
    Breach.objects.filter(case=case).update(description=ANONYMISED)
    for model in (Condition, Custody):
        model.objects.filter(case=case).exclude(details="").update(details=ANONYMISED)
    documents_erase(case=case, marker=ANONYMISED, username=SYSTEM)
    # A coordinator's reason for a missed time limit (issue 20).
    TargetMiss.objects.filter(case=case).exclude(reason="").update(reason=ANONYMISED)
    # The safety plan, adopted versions included: the one exception to their freeze.
    plan_text_erase(case=case, marker=ANONYMISED)
    record = Anonymisation.objects.create(case=case, persons=len(persons), incidents=incidents)
    audit_record(
        actor=None,
        action=Action.DELETE,
        case=case,
        obj=record,
        username=SYSTEM,
        purpose=_("Anonimisering na afloop van de bewaartermijn"),
    )
    return record


def retention_anonymise_due(*, now: datetime) -> int:
    """Daily beat: anonymise every closed case whose retention date has passed, and delete
    any document file an earlier anonymisation could not remove from storage."""
    document_files_delete(
        version_ids=DocumentVersion.objects.filter(document__case__anonymisation__isnull=False)
        .exclude(file="")
        .values_list("pk", flat=True),
        username=SYSTEM,
    )
    count = 0
    for case in cases_past_retention(today=timezone.localdate(now)):
        try:
            case_anonymise(case=case, now=now)
        except ValidationError:
            continue
        count += 1
    return count


def huisverbod_decisions_expire(*, now: datetime) -> int:
    """Daily beat, after anonymisation: the huisverbod decision keeps its own term (Wth
    art. 10, HUISVERBOD_RETENTION_DAYS after its end). Once that has passed on an
    anonymised case, the decision's personal data go too — the perpetrator's reachable
    address and the free text of an extension or withdrawal; its dates and status stay for
    the factsheet's counts. Logged once per decision; a cleared decision is not touched
    again. Returns the number of decisions cleared."""
    cutoff = now - timedelta(days=settings.CASUSREGIE_HUISVERBOD_RETENTION_DAYS)
    due = (
        Huisverbod.objects.filter(case__anonymisation__isnull=False, ends_at__lt=cutoff)
        .filter(
            ~Q(reachable_address="")
            | ~Q(extension_reason__in=["", ANONYMISED])
            | ~Q(withdrawal_reason__in=["", ANONYMISED])
        )
        .select_related("case")
    )
    count = 0
    for huisverbod in due:
        with transaction.atomic():
            Huisverbod.objects.filter(pk=huisverbod.pk).update(
                reachable_address="",
                extension_reason=ANONYMISED if huisverbod.extension_reason else "",
                withdrawal_reason=ANONYMISED if huisverbod.withdrawal_reason else "",
            )
            audit_record(
                actor=None,
                action=Action.DELETE,
                case=huisverbod.case,
                obj=huisverbod,
                username=SYSTEM,
                purpose=_("Huisverbod: eigen bewaartermijn verstreken"),
            )
        count += 1
    return count


# --- the list of purposes --------------------------------------------------------------


@transaction.atomic
def sharing_purpose_save(
    *,
    actor: User,
    purpose: SharingPurpose | None = None,
    name: str,
    description: str = "",
    is_active: bool = True,
    path: str = "",
) -> SharingPurpose:
    """Create or change a purpose of sharing (the functional administrator's list). A
    purpose in use is deactivated, never deleted: memberships refer to it."""
    if not permissions.can_keep_purposes(actor):
        raise PermissionDenied
    if not name.strip():
        raise ValidationError({"name": _("Geef het doel een naam.")})
    clash = SharingPurpose.objects.filter(name__iexact=name.strip())
    if purpose is not None:
        clash = clash.exclude(pk=purpose.pk)
    if clash.exists():
        raise ValidationError({"name": _("Dit doel staat al in de lijst.")})
    created = purpose is None
    purpose = purpose or SharingPurpose()
    purpose.name = name.strip()
    purpose.description = description.strip()
    purpose.is_active = is_active
    purpose.save()
    audit_record(
        actor=actor, action=Action.CREATE if created else Action.UPDATE, obj=purpose, path=path
    )
    return purpose
