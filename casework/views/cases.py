# SPDX-License-Identifier: EUPL-1.2
"""Case pages. Every view starts from the cases the user may see; anything else is 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_deny, audit_record, audit_record_cases
from casework import lifecycle, permissions
from casework.forms import (
    CaseFilterForm,
    CaseRegisterForm,
    ClosureDecisionForm,
    ClosureRequestForm,
    IncidentForm,
    OrganisationMembershipForm,
    PersonForm,
    ProfessionalMembershipForm,
    ReasonForm,
)
from casework.known import known_elsewhere
from casework.models import ClosureRequest, Person
from casework.selectors import (
    active_memberships,
    case_get_for,
    case_list_rows,
    case_page,
    case_page_get,
    case_page_load,
    membership_get_for,
)
from casework.services import cases as case_services
from casework.services import phases as phase_services
from config.forms import add_service_errors
from config.pagination import next_page_of

PAGE_SIZE = 25


_refuse = audit_deny  # logs the attempt, then answers 404


def _section(case, anchor: str) -> str:
    """Back to the section of the case page where the user was (issue 16)."""
    return reverse("casework:case_detail", args=[case.pk]) + f"#{anchor}"


def case_list_view(request):
    if not request.user.has_perm("casework.view_case"):
        raise PermissionDenied
    form = CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    arguments = {
        "phase": filters.get("phase", ""),
        "track": filters.get("track", ""),
        "municipality_id": filters["municipality"].pk if filters.get("municipality") else None,
        "mine": filters.get("mine", False),
        "order": filters.get("order") or "-registered_at",
    }
    page = next_page_of(
        lambda offset, limit: case_list_rows(
            user=request.user, offset=offset, limit=limit, **arguments
        ),
        per_page=PAGE_SIZE,
        number=request.GET.get("page"),
    )
    audit_record_cases(
        actor=request.user, action=Action.VIEW, cases=page.object_list, path=request.path
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "casework/case_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_register": permissions.can_register_case(request.user),
        },
    )


def case_register_view(request):
    if not permissions.can_register_case(request.user):
        raise PermissionDenied
    form = CaseRegisterForm(request.POST or None, initial={"coordinator": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            case = case_services.case_register(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("casework:case_detail", case_pk=case.pk)
    return render(request, "casework/case_register.html", {"form": form})


def case_detail_view(request, case_pk):
    now = timezone.now()
    case = case_page_get(request.user, case_pk, now=now)
    # The persons, closure requests and memberships once for the whole page: the guards,
    # the page and every section read them through .all() (casework.selectors.case_page).
    case_page_load(case)
    options = phase_services.transition_options(case=case, user=request.user)
    page = case_page(case=case, user=request.user, now=now, options=options)
    audit_record(
        actor=request.user,
        action=Action.VIEW,
        case=case,
        obj=case,
        persons=page.persons,
        path=request.path,
    )
    return render(request, "casework/case_detail.html", {"case": case, "page": page})


def _person_initial(person: Person) -> dict:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth,
        "roles": person.roles,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "confidential_address": person.confidential_address,
    }


def person_form_view(request, case_pk, person_pk=None):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_case(request.user, case):
        _refuse(request, case)
    person = None
    if person_pk is not None:
        person = case.persons.filter(pk=person_pk).first()
        if person is None:  # a person of another case looks like nothing at all
            _refuse(request, case)
    initial = _person_initial(person) if person else None
    may_see_address = permissions.can_view_confidential_address(request.user, case)
    if initial is not None and not may_see_address:
        initial.pop("confidential_address")
    form = PersonForm(request.POST or None, initial=initial)
    if not may_see_address and person is not None:
        # Someone who may not see the shelter address can neither read nor overwrite it.
        form.fields.pop("confidential_address")
    matches = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        roles = data.pop("roles")
        checked = data.pop("known_checked")
        confirm = data.pop("confirm_known")
        if person is None:
            matches = known_elsewhere(
                user=request.user,
                case=case,
                first_name=data["first_name"],
                last_name=data["last_name"],
                date_of_birth=data["date_of_birth"],
                now=timezone.now(),
            )
        if matches and not checked:
            # Nothing is saved yet: the coordinator first reads that the person is known.
            again = request.POST.copy()
            again["known_checked"] = "on"
            form = PersonForm(again)
            form.is_valid()
        else:
            try:
                if person is None:
                    created = case_services.person_create(
                        actor=request.user, case=case, roles=roles, **data
                    )
                    if confirm and matches:
                        case_services.person_link_known(
                            actor=request.user, person=created, known=[m.person for m in matches]
                        )
                        messages.success(
                            request, _("Betrokkene toegevoegd en gekoppeld aan de andere casus.")
                        )
                    else:
                        messages.success(request, _("Betrokkene toegevoegd."))
                else:
                    case_services.person_update(
                        actor=request.user, case=case, person=person, roles=roles, **data
                    )
                    messages.success(request, _("Betrokkene gewijzigd."))
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect(_section(case, "persons"))
    if not matches:
        form.fields.pop("confirm_known")
    return render(
        request,
        "casework/person_form.html",
        {"case": case, "person": person, "form": form, "matches": matches},
    )


def membership_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_case(request.user, case):
        _refuse(request, case)
    kind = request.POST.get("kind", "organisation")
    data = request.POST if request.method == "POST" else None
    org_form = OrganisationMembershipForm(
        data if kind == "organisation" else None, case=case, prefix="org"
    )
    pro_form = ProfessionalMembershipForm(
        data if kind == "professional" else None, case=case, prefix="pro"
    )
    form = org_form if kind == "organisation" else pro_form
    if request.method == "POST" and form.is_valid():
        try:
            if kind == "organisation":
                case_services.membership_add_organisations(
                    actor=request.user, case=case, **form.cleaned_data
                )
                messages.success(request, _("Partner toegevoegd."))
            else:
                case_services.membership_add_professional(
                    actor=request.user, case=case, user=form.cleaned_data["user"]
                )
                messages.success(request, _("Professional toegevoegd."))
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_section(case, "partners"))
    memberships = list(active_memberships(case))
    # The page shows every organisation and professional of the case: recorded.
    audit_record(actor=request.user, action=Action.VIEW, case=case, path=request.path)
    return render(
        request,
        "casework/membership_form.html",
        {
            "case": case,
            "org_form": org_form,
            "pro_form": pro_form,
            "memberships": memberships,
        },
    )


@require_POST
def membership_remove_view(request, case_pk, membership_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_case(request.user, case):
        _refuse(request, case)
    membership = membership_get_for(case, membership_pk)
    try:
        case_services.membership_remove(actor=request.user, case=case, membership=membership)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Deelname beëindigd."))
    return redirect(_section(case, "partners"))


def incident_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_record_incident(request.user, case):
        _refuse(request, case)
    form = IncidentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case_services.incident_record(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Incident vastgelegd."))
            return redirect(_section(case, "incidents"))
    return render(request, "casework/incident_form.html", {"case": case, "form": form})


def transition_view(request, case_pk, name):
    case = case_get_for(request.user, case_pk)
    options = {o.name: o for o in phase_services.transition_options(case=case, user=request.user)}
    option = options.get(name)
    if option is None:
        _refuse(request, case)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase_services.case_transition(
                case=case, name=name, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except PermissionDenied:
            _refuse(request, case)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Gedaan: %(label)s.") % {"label": option.label})
            return redirect(_section(case, "phase"))
    return render(
        request, "casework/transition_form.html", {"case": case, "option": option, "form": form}
    )


def closure_request_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_manage_case(request.user, case):
        _refuse(request, case)
    form = ClosureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase_services.closure_request(actor=request.user, case=case, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Afsluiten aangevraagd."))
            return redirect(_section(case, "phase"))
    return render(
        request,
        "casework/closure_form.html",
        {
            "case": case,
            "form": form,
            "blockers": lifecycle.close_blockers(case),
            "title": _("Afsluiten aanvragen"),
        },
    )


def closure_decide_view(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_decide_closure(request.user, case):
        _refuse(request, case)
    pending = case.closure_requests.filter(status=ClosureRequest.Status.PENDING).first()
    if pending is None:
        _refuse(request, case)
    form = ClosureDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            phase_services.closure_decide(
                actor=request.user,
                case=case,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                acknowledged=form.cleaned_data["acknowledged"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Besluit over afsluiten vastgelegd."))
            return redirect(_section(case, "phase"))
    return render(
        request,
        "casework/closure_form.html",
        {
            "case": case,
            "form": form,
            "pending": pending,
            "blockers": lifecycle.close_blockers(case),
            "open_items": lifecycle.close_warnings(case),
            "title": _("Besluit over afsluiten"),
        },
    )
