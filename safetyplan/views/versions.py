# SPDX-License-Identifier: EUPL-1.2
"""The plan page, drafts, the summary, adoption, versions, comparison and the PDF."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_record
from casework.restrictions import RestrictedError
from safetyplan import permissions, selectors, services
from safetyplan.charts import scale_chart_svg
from safetyplan.compare import compare_versions
from safetyplan.forms import (
    RecoveryPlanForm,
    ScaleScoreForm,
    SummaryForm,
)
from safetyplan.models import (
    FrozenVersionError,
    VersionStatus,
)
from safetyplan.views.base import (
    _case,
    _editable,
    _plan_url,
    _refuse,
    _visible_version,
    edit_page,
)


def plan_view(request, case_pk):
    case = _case(request, case_pk)
    user = request.user
    can_edit = permissions.can_edit_plan(user, case)
    draft = selectors.draft_of(case)
    adopted = selectors.latest_adopted(case)
    shown = draft if (can_edit and draft is not None) else adopted
    context = {
        "case": case,
        "can_edit": can_edit,
        "draft": draft,
        "adopted": adopted,
        "shown": shown,
        "editable": can_edit and shown is not None and shown.status == VersionStatus.DRAFT,
        "can_score": permissions.can_record_score(user, case) and not case.is_closed,
        "today": timezone.localdate(),
    }
    if shown is not None:
        content = selectors.version_content(shown)
        # One permission check for the page, not one per agreement.
        own_ok = not case.is_closed and permissions.can_update_agreement(
            user, case, user.organisation_id
        )
        for item in content.items + content.replaced:
            item.chart = scale_chart_svg(item.score_series)
            for agreement in item.agreements.all():
                agreement.can_update = own_ok and (
                    can_edit or agreement.owner_organisation_id == user.organisation_id
                )
        context["content"] = content
        if shown.status == VersionStatus.DRAFT:
            context["problems"] = services.adoption_problems(shown)
        else:
            overview = selectors.acknowledgement_overview(case, shown)
            context["acknowledgements"] = overview
            context["can_acknowledge"] = permissions.can_acknowledge(user, case) and not any(
                row["ack"] and row["organisation"].pk == user.organisation_id for row in overview
            )
        context["score_form"] = ScaleScoreForm(auto_id="id_score_%s")
    audit_record(actor=user, action=Action.VIEW, case=case, obj=shown, path=request.path)
    return render(request, "safetyplan/plan_detail.html", context)


@require_POST
def start_draft_view(request, case_pk):
    case = _case(request, case_pk)
    try:
        services.plan_start_draft(actor=request.user, case=case)
    except PermissionDenied:
        _refuse(request, case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_plan_url(case))


def recovery_plan_view(request, case_pk, person_pk):
    case, draft = _editable(request, case_pk)
    person = selectors.person_of_case(case, person_pk)
    if person is None:
        _refuse(request, case)
    existing = selectors.recovery_plan_of(draft, person)
    return edit_page(
        request,
        case,
        RecoveryPlanForm,
        initial={
            "goals": existing.goals,
            "support": existing.support,
            "lock_version": existing.lock_version,
        }
        if existing
        else None,
        save=lambda cd: services.recovery_plan_save(
            actor=request.user, version=draft, person=person, **cd
        ),
        done=lambda saved: _plan_url(case, "recovery"),
        title=_("Herstelplan voor %(person)s") % {"person": person},
        submit=_("Herstelplan opslaan"),
    )


def summary_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    return edit_page(
        request,
        case,
        SummaryForm,
        initial={"care_plan_summary": draft.care_plan_summary, "lock_version": draft.lock_version},
        save=lambda cd: services.plan_update_summary(actor=request.user, version=draft, **cd),
        done=lambda saved: _plan_url(case, "care"),
        title=_("Risicogestuurd zorgplan"),
        submit=_("Opslaan"),
    )


def adopt_view(request, case_pk):
    """Adopting freezes the version for good, so it takes two steps: this page first shows
    what will be frozen; only the form on it (confirm=yes) adopts. No JavaScript involved."""
    case, draft = _editable(request, case_pk)
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        audit_record(actor=request.user, action=Action.VIEW, case=case, path=request.path)
        return render(
            request,
            "safetyplan/adopt_confirm.html",
            {
                "case": case,
                "version": draft,
                "content": selectors.version_content(draft, with_scores=False),
                "problems": services.adoption_problems(draft),
            },
        )
    try:
        version = services.plan_adopt(actor=request.user, version=draft)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request, _("Versie %(number)s is vastgesteld.") % {"number": version.number}
        )
    return redirect(_plan_url(case))


def version_list_view(request, case_pk):
    case = _case(request, case_pk)
    versions = list(selectors.versions_of(case))
    if not permissions.can_edit_plan(request.user, case):
        versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    audit_record(actor=request.user, action=Action.VIEW, case=case, path=request.path)
    return render(request, "safetyplan/version_list.html", {"case": case, "versions": versions})


def version_detail_view(request, case_pk, number):
    case = _case(request, case_pk)
    version = _visible_version(request, case, number)
    content = selectors.version_content(version)
    for item in content.items + content.replaced:
        item.chart = scale_chart_svg(item.score_series)
    context = {
        "case": case,
        "shown": version,
        "content": content,
        "editable": False,
        "read_only_page": True,
    }
    if version.status == VersionStatus.ADOPTED:
        context["acknowledgements"] = selectors.acknowledgement_overview(case, version)
    audit_record(actor=request.user, action=Action.VIEW, case=case, obj=version, path=request.path)
    return render(request, "safetyplan/version_detail.html", context)


def compare_view(request, case_pk):
    case = _case(request, case_pk)
    versions = list(selectors.versions_of(case).order_by("number"))
    if not permissions.can_edit_plan(request.user, case):
        versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    by_number = {str(v.number): v for v in versions}
    left = by_number.get(request.GET.get("a", ""))
    right = by_number.get(request.GET.get("b", ""))
    if left is None and len(versions) >= 2:
        left, right = versions[-2], versions[-1]
    blocks = None
    if left is not None and right is not None:
        blocks = compare_versions(
            selectors.version_content(left, with_scores=False),
            selectors.version_content(right, with_scores=False),
        )
    audit_record(actor=request.user, action=Action.VIEW, case=case, path=request.path)
    return render(
        request,
        "safetyplan/compare.html",
        {"case": case, "versions": versions, "left": left, "right": right, "blocks": blocks},
    )


def export_pdf_view(request, case_pk, number):
    case = _case(request, case_pk)
    version = selectors.version_get(case, number)
    try:
        content = services.plan_export_pdf(actor=request.user, version=version, path=request.path)
    except (PermissionDenied, FrozenVersionError):
        _refuse(request, case)
    except RestrictedError as error:
        messages.error(request, error.messages[0])
        return redirect(_plan_url(case))
    except ValidationError:
        _refuse(request, case)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"veiligheidsplan-{case.reference}-v{version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
