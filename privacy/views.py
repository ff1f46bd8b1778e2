# SPDX-License-Identifier: EUPL-1.2
"""Privacy pages. Case pages start from the cases the user may see; other pages answer 404
to a role that may not use them, like a page that does not exist."""

import csv
import io
import json

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Action
from audit.services import audit_deny, audit_record
from casework.models import Case, Incident, Person, SharingPurpose
from casework.selectors import case_get_for
from config.forms import add_service_errors
from privacy import permissions, services
from privacy.copy import copy_pdf, data_subject_copy
from privacy.forms import (
    ExtensionForm,
    InformingForm,
    LegalHoldForm,
    PersonSearchForm,
    PurposeForm,
    ReasonForm,
    RequestRegisterForm,
    StepForm,
)
from privacy.models import DataSubjectRequest, LdvRecord, PersonInforming
from privacy.register import ACTIVITIES
from privacy.selectors import cases_due_for_anonymisation, persons_search
from safetyplan.models import RiskItem, SafetyAgreement


def _contact_point(request):
    if not permissions.can_handle_requests(request.user):
        raise Http404


def request_list_view(request):
    _contact_point(request)
    # Sent by POST (a name and a date of birth never go into a URL or a server log); a POST
    # with step=search looks people up, any other POST registers the request.
    searching = request.method == "POST" and request.POST.get("step") == "search"
    registering = request.method == "POST" and not searching
    search = PersonSearchForm(request.POST if searching else None, prefix="s")
    found = []
    if searching and search.is_valid():
        found = persons_search(**search.cleaned_data)
        audit_record(
            actor=request.user,
            action=Action.VIEW,
            persons=found,
            purpose=_("Zoeken van een verzoeker"),
            path=request.path,
        )
    found_qs = Person.objects.filter(pk__in=[p.pk for p in found]).select_related("case")
    if registering:
        ids = [pk for pk in request.POST.getlist("r-persons") if pk.isdigit()]
        found_qs = Person.objects.filter(pk__in=ids).select_related("case")
    form = RequestRegisterForm(
        request.POST if registering else None,
        persons_qs=found_qs,
        prefix="r",
        initial={"received_on": timezone.localdate(), "persons": found_qs},
    )
    if registering and form.is_valid():
        try:
            created = services.request_register(
                actor=request.user,
                kind=form.cleaned_data["kind"],
                persons=list(form.cleaned_data["persons"]),
                received_on=form.cleaned_data["received_on"],
                description=form.cleaned_data["description"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("privacy:request_detail", pk=created.pk)
    return render(
        request,
        "privacy/request_list.html",
        {
            "search": search,
            "found": found,
            "form": form,
            "requests": DataSubjectRequest.objects.order_by("status", "due_on"),
        },
    )


def _request(request, pk) -> DataSubjectRequest:
    _contact_point(request)
    found = DataSubjectRequest.objects.filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def request_detail_view(request, pk):
    subject_request = _request(request, pk)
    step_form = StepForm(request.POST if "step" in request.POST else None, prefix="step")
    extend_form = ReasonForm(request.POST if "extend" in request.POST else None, prefix="ext")
    # One form per person (restrict) or per active restriction (lift), each with its own
    # prefix so the page has no duplicate ids; only the one posted is bound.
    restrict_target = request.POST.get("restrict", "")
    lift_target = request.POST.get("lift", "")
    restrict_form = ReasonForm(
        request.POST if restrict_target else None, prefix=f"restrict-{restrict_target}"
    )
    lift_form = ReasonForm(request.POST if lift_target else None, prefix=f"lift-{lift_target}")
    try:
        if restrict_target and restrict_form.is_valid():
            person = subject_request.persons.filter(pk=restrict_target).first()
            if person is None:
                raise Http404
            services.restriction_grant(
                actor=request.user, request=subject_request, person=person,
                **restrict_form.cleaned_data,
            )  # fmt: skip
            return redirect("privacy:request_detail", pk=pk)
        if lift_target and lift_form.is_valid():
            restriction = subject_request.restrictions.filter(pk=lift_target).first()
            if restriction is None:
                raise Http404
            services.restriction_lift(
                actor=request.user, restriction=restriction, **lift_form.cleaned_data
            )
            return redirect("privacy:request_detail", pk=pk)
        if "step" in request.POST and step_form.is_valid():
            services.request_step_record(
                actor=request.user, request=subject_request, **step_form.cleaned_data
            )
            return redirect("privacy:request_detail", pk=pk)
        if "extend" in request.POST and extend_form.is_valid():
            services.request_extend(
                actor=request.user, request=subject_request, **extend_form.cleaned_data
            )
            return redirect("privacy:request_detail", pk=pk)
        if "complete" in request.POST:
            services.request_complete(actor=request.user, request=subject_request)
            return redirect("privacy:request_detail", pk=pk)
    except ValidationError as error:
        form = step_form
        for key, candidate in (
            ("extend", extend_form), ("restrict", restrict_form), ("lift", lift_form)
        ):  # fmt: skip
            if key in request.POST:
                form = candidate
        add_service_errors(form, error)
    persons = list(subject_request.persons.select_related("case"))
    active = {r.person_id: r for r in subject_request.restrictions.filter(lifted_at__isnull=True)}
    for person in persons:
        person.active_restriction = active.get(person.pk)
        if person.active_restriction is not None:
            target = str(person.active_restriction.pk)
            person.form = (
                lift_form if target == lift_target else ReasonForm(prefix=f"lift-{target}")
            )
        else:
            target = str(person.pk)
            person.form = (
                restrict_form
                if target == restrict_target
                else ReasonForm(prefix=f"restrict-{target}")
            )
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        obj=subject_request,
        persons=persons,
        path=request.path,
    )
    return render(
        request,
        "privacy/request_detail.html",
        {
            "req": subject_request,
            "persons": persons,
            "steps": subject_request.steps.select_related("actor"),
            "step_form": step_form,
            "extend_form": extend_form,
            "restrict_form": restrict_form,
            "lift_form": lift_form,
            "restrictions": subject_request.restrictions.select_related(
                "person__case", "granted_by", "lifted_by"
            ),
        },
    )


def _copy(request, pk, label):
    subject_request = _request(request, pk)
    copy = data_subject_copy(subject_request)
    persons = list(subject_request.persons.all())
    audit_record(
        actor=request.user,
        action=Action.EXPORT,
        obj=subject_request,
        persons=persons,
        path=request.path,
    )
    services.request_step_record(
        actor=request.user,
        request=subject_request,
        description=_("Kopie gemaakt (%(label)s)") % {"label": label},
    )
    return copy


def request_copy_json_view(request, pk):
    copy = _copy(request, pk, "JSON")
    response = JsonResponse(copy, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = f'attachment; filename="verzoek-{pk}.json"'
    return response


def request_copy_pdf_view(request, pk):
    copy = _copy(request, pk, "PDF")
    response = HttpResponse(copy_pdf(copy), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="verzoek-{pk}.pdf"'
    return response


def retention_due_view(request):
    if not permissions.can_see_retention_list(request.user):
        raise Http404
    due = cases_due_for_anonymisation(user=request.user, today=timezone.localdate())
    return render(request, "privacy/retention_due.html", {"due": due})


def register_view(request):
    if not permissions.can_see_register(request.user):
        raise Http404
    rows = [a.as_dict() for a in ACTIVITIES]
    fmt = request.GET.get("format")
    if fmt == "json":
        return JsonResponse({"activities": rows}, json_dumps_params={"ensure_ascii": False})
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="verwerkingsregister.csv"'
        return response
    return render(request, "privacy/register.html", {"activities": ACTIVITIES})


def ldv_record_dict(record: LdvRecord) -> dict:
    return {
        "trace_id": record.trace_id,
        "span_id": record.span_id,
        "name": record.name,
        "start_time": record.start_time.isoformat(),
        "end_time": record.end_time.isoformat(),
        "status_code": record.status_code,
        "attributes": {
            "dpl.core.processing_activity_id": record.activity_id,
            "dpl.core.data_subject_id": record.data_subject_id,
            "dpl.core.data_subject_id_type": "casusregie.person",
        },
    }


def ldv_export_view(request):
    """LDV lines per person (?person=<id>) or per activity (?activity=<id>)."""
    if not permissions.can_handle_requests(request.user):
        raise Http404
    records = LdvRecord.objects.all()
    if request.GET.get("person", "").isdigit():
        records = records.filter(data_subject_id=request.GET["person"])
    elif request.GET.get("activity"):
        records = records.filter(activity_id=request.GET["activity"])
    else:
        raise Http404
    audit_record(actor=request.user, action=Action.EXPORT, purpose="LDV", path=request.path)
    body = json.dumps([ldv_record_dict(r) for r in records[:10000]], ensure_ascii=False)
    return HttpResponse(body, content_type="application/json")


def _managed_case(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_retention(request.user, case):
        audit_deny(request, case)
    return case


def informing_view(request, case_pk, person_pk):
    case = _managed_case(request, case_pk)
    person = case.persons.filter(pk=person_pk).first()
    if person is None:
        audit_deny(request, case)
    current = PersonInforming.objects.filter(person=person).first()
    initial = (
        {
            "informed_on": current.informed_on,
            "method": current.method,
            "postponed_reason": current.postponed_reason,
            "postponed_until": current.postponed_until,
        }
        if current
        else None
    )
    form = InformingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.informing_record(actor=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(
        request, "privacy/informing_form.html", {"case": case, "person": person, "form": form}
    )


def legal_hold_view(request, case_pk):
    case = _managed_case(request, case_pk)
    form = LegalHoldForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_hold_place(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    title = _("Bewaarplicht vastleggen")
    return render(request, "privacy/case_form.html", {"case": case, "form": form, "title": title})


def retention_extend_view(request, case_pk):
    case = _managed_case(request, case_pk)
    form = ExtensionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_extend(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    title = _("Bewaartermijn verlengen")
    return render(request, "privacy/case_form.html", {"case": case, "form": form, "title": title})


_HISTORY_FIELDS_SKIPPED = {"updated_at", "created_at", "recorded_at", "registered_at"}


def _changes(previous, record) -> list[dict]:
    """Old and new value of each tracked field that changed (by column: no queries)."""
    changed = []
    for field in record.instance_type._meta.concrete_fields:
        name = field.attname
        if name in _HISTORY_FIELDS_SKIPPED or not hasattr(record, name):
            continue
        old, new = getattr(previous, name), getattr(record, name)
        if old != new:
            changed.append({"field": str(field.verbose_name), "old": old, "new": new})
    return changed


def case_history_view(request, case_pk):
    """Old and new values of the case, its persons, incidents, risk items and agreements
    (the coordinator; django-simple-history)."""
    case = _managed_case(request, case_pk)
    sources = [
        (Case.changes.model.objects.filter(id=case.pk), _("Casus")),
        (Person.changes.model.objects.filter(case_id=case.pk), _("Betrokkene")),
        (Incident.changes.model.objects.filter(case_id=case.pk), _("Incident")),
        (RiskItem.changes.model.objects.filter(version__plan__case=case), _("Top-3-item")),
        (
            SafetyAgreement.changes.model.objects.filter(version__plan__case=case),
            _("Veiligheidsafspraak"),
        ),
    ]
    rows = []
    for records, label in sources:
        previous_of: dict = {}  # the record before, per object: no query per row
        for record in records.select_related("history_user").order_by("history_date", "pk"):
            previous = previous_of.get(record.id)
            changes = _changes(previous, record) if previous else []
            previous_of[record.id] = record
            rows.append({"label": label, "record": record, "changes": changes})
    rows.sort(key=lambda row: row["record"].history_date, reverse=True)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        case=case,
        persons=case.persons.all(),
        path=request.path,
    )
    return render(request, "privacy/case_history.html", {"case": case, "rows": rows})


def purposes_view(request, pk=None):
    """The functional administrator keeps the list of purposes of sharing."""
    if not permissions.can_keep_purposes(request.user):
        raise Http404
    purpose = SharingPurpose.objects.filter(pk=pk).first() if pk else None
    if pk and purpose is None:
        raise Http404
    initial = (
        {"name": purpose.name, "description": purpose.description, "is_active": purpose.is_active}
        if purpose
        else None
    )
    form = PurposeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.sharing_purpose_save(
                actor=request.user, purpose=purpose, path=request.path, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("privacy:purposes")
    return render(
        request,
        "privacy/purposes.html",
        {"form": form, "purpose": purpose, "purposes": SharingPurpose.objects.all()},
    )
