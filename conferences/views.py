# SPDX-License-Identifier: EUPL-1.2
"""Conference pages. Each user sees only the parts of the cases they take part in."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

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
    ScheduleForm,
)
from conferences.ical import conference_ics
from conferences.models import CaseConference, Decision
from conferences.permissions import can_run_conference, can_schedule_conference
from conferences.selectors import conference_get_for, conference_qs_visible_to, parts_visible_to
from config.forms import add_service_errors

_refuse = audit_deny  # logs the attempt, then answers 404


def conference_list_view(request):
    now = timezone.now()
    visible = conference_qs_visible_to(request.user).prefetch_related("parts")
    return render(
        request,
        "conferences/conference_list.html",
        {
            "upcoming": visible.filter(starts_at__gte=now - timezone.timedelta(hours=3)),
            "past": visible.filter(starts_at__lt=now - timezone.timedelta(hours=3)).order_by(
                "-starts_at"
            )[:20],
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
    return render(request, "conferences/conference_schedule.html", {"form": form})


def _part_forms(part, bound):
    def get(op, factory):
        return bound.get((op, part.pk)) or factory()

    prefix = f"p{part.pk}"
    return {
        "notes": get(
            "notes", lambda: NotesForm(initial={"notes": part.notes}, prefix=f"{prefix}-notes")
        ),
        "agenda": get("agenda_add", lambda: AgendaPointForm(prefix=f"{prefix}-agenda")),
        "decision": get("decision", lambda: DecisionForm(prefix=f"{prefix}-decision")),
        "action": get("action", lambda: ActionForm(case=part.case, prefix=f"{prefix}-action")),
    }


def _handle_post(request, conference, parts_by_id):
    """Carry out one operation; return (bound form with errors) or None on success."""
    op = request.POST.get("op", "")
    if op == "adopt":
        services.minutes_adopt(actor=request.user, conference=conference)
        return None, None
    if op == "attendance":
        form = AttendanceForm(request.POST, conference=conference, prefix="attendance")
        if form.is_valid():
            services.attendance_record(
                actor=request.user, conference=conference, **form.cleaned_data
            )
            return None, None
        return ("attendance", None), form
    try:
        part = parts_by_id[int(request.POST.get("part", ""))]
    except (KeyError, ValueError):
        raise Http404 from None
    prefix = f"p{part.pk}"
    if op == "notes":
        form = NotesForm(request.POST, prefix=f"{prefix}-notes")
        if form.is_valid():
            services.part_notes_update(
                actor=request.user, part=part, notes=form.cleaned_data["notes"]
            )
            return None, None
    elif op == "agenda_add":
        form = AgendaPointForm(request.POST, prefix=f"{prefix}-agenda")
        if form.is_valid():
            services.agenda_add_point(actor=request.user, part=part, text=form.cleaned_data["text"])
            return None, None
    elif op == "agenda_move":
        point = part.agenda.filter(pk=request.POST.get("point")).first()
        if point is None:
            raise Http404
        services.agenda_move_point(
            actor=request.user, point=point, up=request.POST.get("direction") == "up"
        )
        return None, None
    elif op == "decision":
        form = DecisionForm(request.POST, prefix=f"{prefix}-decision")
        if form.is_valid():
            services.decision_record(actor=request.user, part=part, **form.cleaned_data)
            return None, None
    elif op == "carry_out":
        decision = part.decisions.filter(pk=request.POST.get("decision")).first()
        if decision is None:
            raise Http404
        services.decision_carry_out(actor=request.user, decision=decision)
        return None, None
    elif op == "action":
        form = ActionForm(request.POST, case=part.case, prefix=f"{prefix}-action")
        if form.is_valid():
            services.action_record(actor=request.user, part=part, **form.cleaned_data)
            return None, None
    else:
        raise Http404
    return (op, part.pk), form


def conference_detail_view(request, pk):
    conference = conference_get_for(request.user, pk)
    parts = list(parts_visible_to(request.user, conference))
    can_run = can_run_conference(request.user, conference)
    bound, page_errors = {}, []
    if request.method == "POST":
        if not can_run:
            _refuse(request)
        try:
            key, form = _handle_post(request, conference, {p.pk: p for p in parts})
        except ValidationError as error:
            key, form = None, None
            page_errors = error.messages
            op, part_id = request.POST.get("op"), request.POST.get("part")
            frozen = CaseConference.objects.filter(
                pk=conference.pk, minutes_adopted_at__isnull=False
            )
            rebuilt = None if frozen.exists() else _rebuild(request, conference, parts, op, part_id)
            if rebuilt is not None:
                add_service_errors(rebuilt[1], error)
                key, form, page_errors = rebuilt[0], rebuilt[1], []
        if key is None and not page_errors:
            return redirect("conferences:conference_detail", pk=conference.pk)
        if key is not None:
            bound[key] = form
        conference.refresh_from_db()
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
            "can_run": can_run and not conference.is_frozen,
            "attendance": conference.attendance.select_related("organisation"),
            "attendance_form": bound.get(("attendance", None))
            or AttendanceForm(conference=conference, prefix="attendance"),
            "invited": conference.invited_organisations.all(),
            "page_errors": page_errors,
            "transition_proposal": Decision.Proposal.TRANSITION,
        },
    )


def _rebuild(request, conference, parts, op, part_id):
    """Re-bind the submitted form so a service refusal shows next to what was typed."""
    part = next((p for p in parts if str(p.pk) == str(part_id)), None)
    prefix = f"p{part.pk}" if part else ""
    builders = {
        "attendance": lambda: AttendanceForm(
            request.POST, conference=conference, prefix="attendance"
        ),
        "notes": lambda: NotesForm(request.POST, prefix=f"{prefix}-notes"),
        "agenda_add": lambda: AgendaPointForm(request.POST, prefix=f"{prefix}-agenda"),
        "decision": lambda: DecisionForm(request.POST, prefix=f"{prefix}-decision"),
        "action": lambda: (
            ActionForm(request.POST, case=part.case, prefix=f"{prefix}-action") if part else None
        ),
    }
    if op not in builders:
        return None
    form = builders[op]()
    if form is None:
        return None
    form.is_valid()
    return (op, part.pk if part and op != "attendance" else None), form


def conference_ics_view(request, pk):
    conference = conference_get_for(request.user, pk)
    references = [part.case.reference for part in parts_visible_to(request.user, conference)]
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
