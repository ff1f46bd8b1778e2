# SPDX-License-Identifier: EUPL-1.2
"""Conference pages. Each user sees only the parts of the cases they take part in."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from audit.models import Action as AuditAction
from audit.services import audit_deny, audit_record_cases
from casework.pdf import pdf_response
from casework.selectors import case_qs_visible_to
from conferences import services
from conferences.forms import (
    ActionForm,
    AgendaPointForm,
    AttendanceForm,
    DecisionForm,
    NotesForm,
    RescheduleForm,
    ScheduleForm,
)
from conferences.ical import conference_ics
from conferences.models import Decision
from conferences.permissions import can_run_conference, can_schedule_conference
from conferences.risks import with_risk_labels
from conferences.selectors import (
    conference_get_for,
    conference_qs_visible_to,
    parts_visible_to,
)
from config.forms import add_service_errors
from config.ids import parse_id

_refuse = audit_deny  # logs the attempt, then answers 404


def conference_list_view(request):
    now = timezone.now()
    visible = conference_qs_visible_to(request.user).prefetch_related("parts")
    upcoming = list(visible.filter(starts_at__gte=now - timezone.timedelta(hours=3)))
    past = list(
        visible.filter(starts_at__lt=now - timezone.timedelta(hours=3)).order_by("-starts_at")[:20]
    )
    # Which conference discusses which of the user's cases is case data: recorded.
    case_ids = {part.case_id for conference in upcoming + past for part in conference.parts.all()}
    audit_record_cases(
        actor=request.user,
        action=AuditAction.VIEW,
        cases=case_qs_visible_to(request.user).filter(pk__in=case_ids).order_by("pk"),
        path=request.path,
    )
    return render(
        request,
        "conferences/conference_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "can_schedule": can_schedule_conference(request.user),
        },
    )


def conference_schedule_view(request):
    if not can_schedule_conference(request.user):
        raise PermissionDenied
    cases = case_qs_visible_to(request.user).select_related("municipality")
    form = ScheduleForm(request.POST or None, cases=cases)
    if request.method == "POST" and form.is_valid():
        try:
            conference = services.conference_schedule(actor=request.user, **form.cleaned_data)
        except PermissionDenied:
            _refuse(request)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("conferences:conference_detail", pk=conference.pk)
    # The form offers every case the user may see, by reference (like the case list).
    audit_record_cases(
        actor=request.user,
        action=AuditAction.VIEW,
        cases=form.fields["cases"].queryset,
        path=request.path,
    )
    return render(request, "conferences/conference_schedule.html", {"form": form})


@dataclass(frozen=True)
class PartForm:
    """A case's form that the conference page loads on demand (issue 14): the decision
    and the action form hold the choices (transitions; owners and the Top-3) that made up
    most of the page's render time at 20 cases. The notes and the new agenda point are
    one field each and stay on the page."""

    name: str
    url: str  # the operation's POST URL (unchanged)
    submit: str
    open: str  # the link that opens the form
    build: Callable  # part -> an unbound form, prefixed as the POST expects


PART_FORMS = {
    "decision": PartForm(
        name="decision",
        url="conferences:decision",
        submit=_("Besluit vastleggen"),
        open=_("Nieuw besluit"),
        build=lambda part: DecisionForm(prefix=f"p{part.pk}-decision"),
    ),
    "action": PartForm(
        name="action",
        url="conferences:action",
        submit=_("Actie vastleggen"),
        open=_("Nieuwe actie"),
        build=lambda part: ActionForm(case=part.case, prefix=f"p{part.pk}-action"),
    ),
}


def _part_forms(part, bound):
    """The forms on the page for one case: the notes and the new agenda point, and a
    decision or action form only when it comes back with what was typed."""
    prefix = f"p{part.pk}"
    return {
        "notes": bound.get(("notes", part.pk))
        or NotesForm(initial={"notes": part.notes}, prefix=f"{prefix}-notes"),
        "agenda": bound.get(("agenda_add", part.pk)) or AgendaPointForm(prefix=f"{prefix}-agenda"),
        **{name: bound.get((name, part.pk)) for name in PART_FORMS},
    }


def _conference_page(
    request, conference, parts, *, can_run, bound=None, page_errors=(), confirm_adopt=False
):
    bound = bound or {}
    shows_forms = can_run and not conference.is_frozen
    # What each action works on, for all actions of the page together (conferences.risks).
    with_risk_labels(action for part in parts for action in part.actions.all())
    audit_record_cases(
        actor=request.user,
        action=AuditAction.VIEW,
        cases=[part.case for part in parts],
        path=request.path,
    )
    return render(
        request,
        "conferences/conference_detail.html",
        {
            "conference": conference,
            "parts": [(part, _part_forms(part, bound)) for part in parts],
            "part_forms": PART_FORMS,
            "can_run": shows_forms,
            "can_change": can_run and not conference.is_frozen and not conference.cancelled_at,
            "attendance": conference.attendance.select_related("organisation"),
            "attendance_form": bound.get(("attendance", None))
            or AttendanceForm(conference=conference, prefix="attendance"),
            "invited": conference.invited_organisations.all(),
            "page_errors": list(page_errors),
            "transition_proposal": Decision.Proposal.TRANSITION,
            "confirm_adopt": confirm_adopt,
            "adoptable": services.minutes_adoptable(conference, now=timezone.now()),
        },
    )


@require_safe
def conference_detail_view(request, pk):
    conference = conference_get_for(request.user, pk)
    parts = list(parts_visible_to(request.user, conference))
    return _conference_page(
        request, conference, parts, can_run=can_run_conference(request.user, conference)
    )


@require_safe
def part_form_view(request, pk, part_pk, name):
    """One case's decision or action form, opened from the conference page: the form
    alone for htmx, otherwise on its own page (no JavaScript needed). The same checks as
    the operation it posts to: a conference discussing a case the user sees, run by them
    and not frozen, and a part of a case they see; anything else is 404."""
    spec = PART_FORMS.get(name)
    if spec is None:
        raise Http404
    conference = conference_get_for(request.user, pk)
    if not can_run_conference(request.user, conference):
        _refuse(request)
    if conference.is_frozen:
        raise Http404  # adopted minutes: nothing more to record
    part = (
        parts_visible_to(request.user, conference)
        .prefetch_related(None)
        .filter(pk=parse_id(part_pk))
        .first()
    )
    if part is None:
        raise Http404
    audit_record_cases(
        actor=request.user, action=AuditAction.VIEW, cases=[part.case], path=request.path
    )
    form = spec.build(part)
    # The form was opened to be filled in: its first field takes the focus (htmx honours
    # autofocus in what it swaps in), so a keyboard or screen-reader user lands in it.
    next(iter(form.fields.values())).widget.attrs["autofocus"] = True
    context = {"conference": conference, "part": part, "spec": spec, "form": form}
    template = (
        "conferences/partials/_part_form.html" if request.htmx else "conferences/part_form.html"
    )
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _operate(request, pk, op, perform, *, form_class=None, part_pk=None):
    """One operation on a conference the user runs: validate the form (if any), call the
    service, and go back to the conference; a refusal is shown on the conference page next
    to what was typed, with nothing lost."""
    conference = conference_get_for(request.user, pk)
    parts = list(parts_visible_to(request.user, conference))
    if not can_run_conference(request.user, conference):
        _refuse(request)
    part = None
    if part_pk is not None:
        part = next((p for p in parts if p.pk == part_pk), None)
        if part is None:
            raise Http404
    form = None
    if form_class is not None:
        form = form_class(request, conference, part)
        if not form.is_valid():
            return _conference_page(
                request, conference, parts, can_run=True, bound={(op, _key(part, op)): form}
            )
    try:
        perform(conference=conference, part=part, data=form.cleaned_data if form else {})
    except ValidationError as error:
        conference.refresh_from_db()
        if form is not None and not conference.is_frozen:
            add_service_errors(form, error)
            return _conference_page(
                request, conference, parts, can_run=True, bound={(op, _key(part, op)): form}
            )
        return _conference_page(
            request, conference, parts, can_run=True, page_errors=error.messages
        )
    messages.success(request, CONFIRMATIONS[op])
    anchor = f"#part-{part.pk}" if part is not None else ""
    return redirect(reverse("conferences:conference_detail", args=[conference.pk]) + anchor)


# What the page says after each operation (issue 16: every action is confirmed).
CONFIRMATIONS = {
    "attendance": _("Aanwezigheid vastgelegd."),
    "adopt": _("Verslag vastgesteld."),
    "notes": _("Aantekeningen opgeslagen."),
    "agenda_add": _("Agendapunt toegevoegd."),
    "agenda_move": _("Agendapunt verplaatst."),
    "decision": _("Besluit vastgelegd."),
    "carry_out": _("Besluit uitgevoerd."),
    "action": _("Actie vastgelegd."),
}


def _key(part, op):
    return part.pk if part is not None and op != "attendance" else None


def _prefixed(form_class, name, **extra):
    """A form bound to the POST under the part's prefix, as the conference page renders it."""

    def build(request, conference, part):
        kwargs = {key: value(conference, part) for key, value in extra.items()}
        return form_class(request.POST, prefix=f"p{part.pk}-{name}", **kwargs)

    return build


@require_POST
def attendance_view(request, pk):
    return _operate(
        request,
        pk,
        "attendance",
        lambda conference, part, data: services.attendance_record(
            actor=request.user, conference=conference, **data
        ),
        form_class=lambda request, conference, part: AttendanceForm(
            request.POST, conference=conference, prefix="attendance"
        ),
    )


@require_POST
def minutes_adopt_view(request, pk):
    """Adopting freezes the minutes for good: the first POST shows what will be frozen, only
    the confirmation (confirm=yes) adopts. No JavaScript involved."""
    if request.POST.get("confirm") != "yes":
        conference = conference_get_for(request.user, pk)
        if not can_run_conference(request.user, conference):
            _refuse(request)
        parts = list(parts_visible_to(request.user, conference))
        return _conference_page(request, conference, parts, can_run=True, confirm_adopt=True)
    return _operate(
        request,
        pk,
        "adopt",
        lambda conference, part, data: services.minutes_adopt(
            actor=request.user, conference=conference
        ),
    )


@require_POST
def notes_view(request, pk, part_pk):
    return _operate(
        request,
        pk,
        "notes",
        lambda conference, part, data: services.part_notes_update(
            actor=request.user, part=part, notes=data["notes"]
        ),
        form_class=_prefixed(NotesForm, "notes"),
        part_pk=part_pk,
    )


@require_POST
def agenda_add_view(request, pk, part_pk):
    return _operate(
        request,
        pk,
        "agenda_add",
        lambda conference, part, data: services.agenda_add_point(
            actor=request.user, part=part, text=data["text"]
        ),
        form_class=_prefixed(AgendaPointForm, "agenda"),
        part_pk=part_pk,
    )


@require_POST
def agenda_move_view(request, pk, part_pk, point_pk):
    def move(conference, part, data):
        point = part.agenda.filter(pk=parse_id(point_pk)).first()
        if point is None:
            raise Http404
        services.agenda_move_point(
            actor=request.user, point=point, up=request.POST.get("direction") == "up"
        )

    return _operate(request, pk, "agenda_move", move, part_pk=part_pk)


@require_POST
def decision_view(request, pk, part_pk):
    return _operate(
        request,
        pk,
        "decision",
        lambda conference, part, data: services.decision_record(
            actor=request.user, part=part, **data
        ),
        form_class=_prefixed(DecisionForm, "decision"),
        part_pk=part_pk,
    )


@require_POST
def decision_carry_out_view(request, pk, part_pk, decision_pk):
    def carry_out(conference, part, data):
        decision = part.decisions.filter(pk=parse_id(decision_pk)).first()
        if decision is None:
            raise Http404
        services.decision_carry_out(actor=request.user, decision=decision)

    return _operate(request, pk, "carry_out", carry_out, part_pk=part_pk)


@require_POST
def action_view(request, pk, part_pk):
    return _operate(
        request,
        pk,
        "action",
        lambda conference, part, data: services.action_record(
            actor=request.user, part=part, **data
        ),
        form_class=_prefixed(ActionForm, "action", case=lambda conference, part: part.case),
        part_pk=part_pk,
    )


def conference_change_view(request, pk):
    """Move a conference in time or place, or cancel it; the calendar invite follows."""
    conference = conference_get_for(request.user, pk)
    if not can_run_conference(request.user, conference):
        _refuse(request)
    initial = {
        "starts_at": timezone.localtime(conference.starts_at),
        "location": conference.location,
        "duration_minutes": conference.duration_minutes,
    }
    cancelling = request.POST.get("op") == "cancel"
    form = RescheduleForm(None if cancelling else (request.POST or None), initial=initial)
    page_errors = []
    if request.method == "POST":
        try:
            if cancelling:
                services.conference_cancel(actor=request.user, conference=conference)
                return redirect("conferences:conference_detail", pk=conference.pk)
            if form.is_valid():
                services.conference_reschedule(
                    actor=request.user, conference=conference, **form.cleaned_data
                )
                return redirect("conferences:conference_detail", pk=conference.pk)
        except PermissionDenied:
            _refuse(request)
        except ValidationError as error:
            if cancelling or not hasattr(error, "error_dict"):
                page_errors = error.messages
            else:
                add_service_errors(form, error)
    return render(
        request,
        "conferences/conference_change.html",
        {"conference": conference, "form": form, "page_errors": page_errors},
    )


def conference_ics_view(request, pk):
    conference = conference_get_for(request.user, pk)
    parts = list(parts_visible_to(request.user, conference))
    references = [part.case.reference for part in parts]
    audit_record_cases(
        actor=request.user,
        action=AuditAction.EXPORT,
        cases=[part.case for part in parts],
        path=request.path,
    )
    response = HttpResponse(conference_ics(conference, references), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="overleg-{conference.pk}.ics"'
    return response


def conference_minutes_pdf_view(request, pk):
    """The adopted minutes as PDF: only the parts of the cases this user takes part in, as
    on the conference page. Minutes not yet adopted are not there."""
    conference = conference_get_for(request.user, pk)
    if conference.minutes_adopted_at is None:
        raise Http404
    parts = list(parts_visible_to(request.user, conference))
    with_risk_labels(action for part in parts for action in part.actions.all())
    audit_record_cases(
        actor=request.user,
        action=AuditAction.EXPORT,
        cases=[part.case for part in parts],
        path=request.path,
    )
    return pdf_response(
        template="conferences/minutes_pdf.html",
        context={
            "conference": conference,
            "parts": parts,
            "attendance": conference.attendance.select_related("organisation"),
        },
        filename=f"verslag-overleg-{conference.pk}.pdf",
        request=request,
    )
