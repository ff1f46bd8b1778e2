# SPDX-License-Identifier: EUPL-1.2
"""Safety plan pages. Every view starts from the cases the user may see (case_get_for);
a plan object outside that case, or an action this user may not take, answers 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from audit.models import Action
from audit.services import audit_deny, audit_record
from casework.selectors import case_get_for
from config.forms import add_service_errors
from safetyplan import permissions, selectors, services
from safetyplan.charts import scale_chart_svg
from safetyplan.compare import compare_versions
from safetyplan.forms import (
    AgreementForm,
    AgreementStatusForm,
    ConditionForm,
    RecoveryPlanForm,
    RerankForm,
    RiskItemContentForm,
    RiskItemForm,
    RiskItemReplaceForm,
    ScaleScoreForm,
    SummaryForm,
)
from safetyplan.models import (
    FrozenVersionError,
    ItemStatus,
    Risk,
    RiskItem,
    SafetyAgreement,
    SafetyCondition,
    VersionStatus,
)
from safetyplan.services import RISK_ITEM_FIELDS, StaleEditError

_refuse = audit_deny  # logs the attempt, then answers 404


def _case(request, case_pk):
    case = case_get_for(request.user, case_pk)
    if not permissions.can_view_plan(request.user, case):
        _refuse(request, case)
    return case


def _editable(request, case_pk):
    """The case and its draft, for the coordinator; anyone else gets 404."""
    case = _case(request, case_pk)
    if not permissions.can_edit_plan(request.user, case):
        _refuse(request, case)
    draft = selectors.draft_of(case)
    if draft is None:
        _refuse(request, case)
    return case, draft


def _plan_url(case, anchor=""):
    url = reverse("safetyplan:plan", kwargs={"case_pk": case.pk})
    return f"{url}#{anchor}" if anchor else url


def _submit(request, form, save, *, locked=True):
    """Run the service; map its refusal onto the form. On a stale save the form keeps the
    user's text and takes the current lock_version, and `conflict` holds the stored text."""
    try:
        return save(), None
    except StaleEditError as error:
        data = request.POST.copy()
        data["lock_version"] = str(error.lock_version)
        fresh = type(form)(data, **getattr(form, "_init_kwargs", {}))
        fresh.is_valid()
        add_service_errors(fresh, error)
        return None, (fresh, error.current)
    except ValidationError as error:
        add_service_errors(form, error)
        return None, (form, None)


def _form_page(request, case, form, *, title, submit, conflict=None, extra=None):
    conflict_rows = []
    if conflict:
        for name, stored in conflict.items():
            if name in form.fields:
                conflict_rows.append(
                    {
                        "label": form.fields[name].label,
                        "mine": form.data.get(name, ""),
                        "stored": stored,
                    }
                )
    return render(
        request,
        "safetyplan/form_page.html",
        {
            "case": case,
            "form": form,
            "title": title,
            "submit_label": submit,
            "conflict": conflict_rows,
            **(extra or {}),
        },
    )


def _make(form_class, data=None, **kwargs):
    form = form_class(data, **kwargs)
    form._init_kwargs = {k: v for k, v in kwargs.items() if k != "initial"}
    return form


# --- the plan page -------------------------------------------------------------------------


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


# --- risk items ----------------------------------------------------------------------------


def _item_in_draft(request, case, draft, item_pk) -> RiskItem:
    item = RiskItem.objects.filter(pk=item_pk, version=draft).select_related("risk").first()
    if item is None:
        _refuse(request, case)
    return item


def risk_item_create_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    taken = set(draft.risk_items.filter(status=ItemStatus.ACTIVE).values_list("rank", flat=True))
    free = next((r for r in (1, 2, 3) if r not in taken), None)
    form = _make(RiskItemForm, request.POST or None, initial={"rank": free})
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        item, failed = _submit(
            request,
            form,
            lambda: services.risk_item_create(
                actor=request.user, version=draft, rank=form.cleaned_data["rank"], **data
            ),
        )
        if item:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form = failed[0]
    return _form_page(
        request, case, form, title=_("Onveilige situatie toevoegen"), submit=_("Situatie opslaan")
    )


def risk_item_update_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    initial = {k: getattr(item, k) for k in RISK_ITEM_FIELDS} | {"lock_version": item.lock_version}
    form = _make(RiskItemContentForm, request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        saved, failed = _submit(
            request,
            form,
            lambda: services.risk_item_update(
                actor=request.user,
                item=item,
                lock_version=form.cleaned_data["lock_version"],
                **data,
            ),
        )
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Onveilige situatie wijzigen"),
        submit=_("Wijzigingen opslaan"),
        conflict=conflict,
    )


def risk_item_replace_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    if item.status != ItemStatus.ACTIVE:
        _refuse(request, case)
    form = _make(RiskItemReplaceForm, request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: form.cleaned_data[k] for k in RISK_ITEM_FIELDS}
        new, failed = _submit(
            request,
            form,
            lambda: services.risk_item_replace(
                actor=request.user,
                item=item,
                reason=form.cleaned_data["replacement_reason"],
                **data,
            ),
        )
        if new:
            messages.success(
                request, _("De situatie is vervangen; de oude blijft in de geschiedenis.")
            )
            return redirect(_plan_url(case, f"item-{new.pk}"))
        form = failed[0]
    return _form_page(
        request,
        case,
        form,
        title=_("Situatie %(rank)s vervangen: %(title)s")
        % {"rank": item.rank, "title": item.title},
        submit=_("Vervangen"),
    )


def rerank_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    items = list(draft.risk_items.filter(status=ItemStatus.ACTIVE))
    form = RerankForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        try:
            services.risk_items_rerank(actor=request.user, version=draft, ranks=form.ranks())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(_plan_url(case))
    return _form_page(
        request, case, form, title=_("Top-3 opnieuw rangschikken"), submit=_("Rangorde opslaan")
    )


# --- conditions and agreements -------------------------------------------------------------


def condition_view(request, case_pk, item_pk, condition_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition = None
    initial = None
    if condition_pk is not None:
        condition = SafetyCondition.objects.filter(pk=condition_pk, risk_item=item).first()
        if condition is None:
            _refuse(request, case)
        initial = {
            "text": condition.text,
            "is_met": condition.is_met,
            "lock_version": condition.lock_version,
        }
    form = _make(ConditionForm, request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        if condition is None:
            save = lambda: services.condition_create(  # noqa: E731
                actor=request.user, item=item, text=cd["text"], is_met=cd["is_met"]
            )
        else:
            save = lambda: services.condition_update(  # noqa: E731
                actor=request.user,
                condition=condition,
                text=cd["text"],
                is_met=cd["is_met"],
                lock_version=cd["lock_version"],
            )
        saved, failed = _submit(request, form, save)
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Veiligheidsvoorwaarde bij: %(title)s") % {"title": item.title},
        submit=_("Voorwaarde opslaan"),
        conflict=conflict,
    )


@require_POST
def condition_delete_view(request, case_pk, item_pk, condition_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    condition = SafetyCondition.objects.filter(pk=condition_pk, risk_item=item).first()
    if condition is None:
        _refuse(request, case)
    services.condition_delete(actor=request.user, condition=condition)
    return redirect(_plan_url(case, f"item-{item.pk}"))


def agreement_view(request, case_pk, item_pk, agreement_pk=None):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement = None
    initial = None
    if agreement_pk is not None:
        agreement = SafetyAgreement.objects.filter(pk=agreement_pk, risk_item=item).first()
        if agreement is None:
            _refuse(request, case)
        initial = {
            "part": agreement.part,
            "description": agreement.description,
            "owner_organisation": agreement.owner_organisation_id,
            "owner_user": agreement.owner_user_id,
            "due_date": agreement.due_date,
            "lock_version": agreement.lock_version,
        }
    form = _make(AgreementForm, request.POST or None, initial=initial, case=case)
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = dict(form.cleaned_data)
        lock_version = cd.pop("lock_version")
        if agreement is None:
            save = lambda: services.agreement_create(actor=request.user, item=item, **cd)  # noqa: E731
        else:
            save = lambda: services.agreement_update(  # noqa: E731
                actor=request.user, agreement=agreement, lock_version=lock_version, **cd
            )
        saved, failed = _submit(request, form, save)
        if saved:
            return redirect(_plan_url(case, f"item-{item.pk}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Afspraak bij: %(title)s") % {"title": item.title},
        submit=_("Afspraak opslaan"),
        conflict=conflict,
    )


@require_POST
def agreement_delete_view(request, case_pk, item_pk, agreement_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    agreement = SafetyAgreement.objects.filter(pk=agreement_pk, risk_item=item).first()
    if agreement is None:
        _refuse(request, case)
    services.agreement_delete(actor=request.user, agreement=agreement)
    return redirect(_plan_url(case, f"item-{item.pk}"))


def agreement_status_view(request, case_pk, agreement_pk):
    """Status and notes of one agreement: the owning partner or the coordinator."""
    case = _case(request, case_pk)
    agreement = (
        SafetyAgreement.objects.filter(pk=agreement_pk, version__plan__case=case)
        .select_related("progress", "owner_organisation", "risk_item")
        .first()
    )
    if agreement is None or not permissions.can_update_agreement(
        request.user, case, agreement.owner_organisation_id
    ):
        _refuse(request, case)
    progress = agreement.progress
    form = _make(
        AgreementStatusForm,
        request.POST or None,
        initial={
            "status": progress.status,
            "notes": progress.notes,
            "lock_version": progress.lock_version,
        },
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        saved, failed = _submit(
            request,
            form,
            lambda: services.agreement_set_status(
                actor=request.user,
                agreement=agreement,
                status=cd["status"],
                notes=cd["notes"],
                lock_version=cd["lock_version"],
            ),
        )
        if saved:
            messages.success(request, _("De status van de afspraak is opgeslagen."))
            return redirect(_plan_url(case, f"agreement-{agreement.progress_id}"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Status van de afspraak bijwerken"),
        submit=_("Status opslaan"),
        conflict=conflict,
        extra={"lead": agreement.description},
    )


# --- scores, recovery plans, summary -------------------------------------------------------


def scale_score_view(request, case_pk, risk_pk):
    case = _case(request, case_pk)
    risk = Risk.objects.filter(pk=risk_pk, plan__case=case).first()
    if risk is None or not permissions.can_record_score(request.user, case):
        _refuse(request, case)
    form = ScaleScoreForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.scale_score_record(
                actor=request.user,
                risk=risk,
                score=form.cleaned_data["score"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("De score is vastgelegd."))
            return redirect(_plan_url(case))
    return _form_page(
        request,
        case,
        form,
        title=_("Score op de veiligheidsschaal vastleggen"),
        submit=_("Score opslaan"),
    )


def recovery_plan_view(request, case_pk, person_pk):
    case, draft = _editable(request, case_pk)
    person = case.persons.filter(pk=person_pk).first()
    if person is None:
        _refuse(request, case)
    existing = draft.recovery_plans.filter(person=person).first()
    initial = (
        {
            "goals": existing.goals,
            "support": existing.support,
            "lock_version": existing.lock_version,
        }
        if existing
        else None
    )
    form = _make(RecoveryPlanForm, request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        saved, failed = _submit(
            request,
            form,
            lambda: services.recovery_plan_save(
                actor=request.user,
                version=draft,
                person=person,
                goals=cd["goals"],
                support=cd["support"],
                lock_version=cd["lock_version"],
            ),
        )
        if saved:
            return redirect(_plan_url(case, "recovery"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Herstelplan voor %(person)s") % {"person": person},
        submit=_("Herstelplan opslaan"),
        conflict=conflict,
    )


def summary_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    form = _make(
        SummaryForm,
        request.POST or None,
        initial={"care_plan_summary": draft.care_plan_summary, "lock_version": draft.lock_version},
    )
    conflict = None
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        saved, failed = _submit(
            request,
            form,
            lambda: services.plan_update_summary(
                actor=request.user,
                version=draft,
                care_plan_summary=cd["care_plan_summary"],
                lock_version=cd["lock_version"],
            ),
        )
        if saved:
            return redirect(_plan_url(case, "care"))
        form, conflict = failed
    return _form_page(
        request,
        case,
        form,
        title=_("Risicogestuurd zorgplan"),
        submit=_("Opslaan"),
        conflict=conflict,
    )


# --- adoption, acknowledgement, versions, export -------------------------------------------


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


@require_POST
def acknowledge_view(request, case_pk, number):
    case = _case(request, case_pk)
    version = selectors.version_get(case, number)
    try:
        services.plan_acknowledge(actor=request.user, version=version)
    except PermissionDenied:
        _refuse(request, case)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Uw organisatie heeft deze versie voor gezien getekend."))
    return redirect(_plan_url(case, "acknowledgements"))


def version_list_view(request, case_pk):
    case = _case(request, case_pk)
    versions = list(selectors.versions_of(case))
    if not permissions.can_edit_plan(request.user, case):
        versions = [v for v in versions if v.status == VersionStatus.ADOPTED]
    audit_record(actor=request.user, action=Action.VIEW, case=case, path=request.path)
    return render(request, "safetyplan/version_list.html", {"case": case, "versions": versions})


def _visible_version(request, case, number):
    version = selectors.version_get(case, number)
    if version.status == VersionStatus.DRAFT and not permissions.can_edit_plan(request.user, case):
        _refuse(request, case)
    return version


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
    except ValidationError:
        _refuse(request, case)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"veiligheidsplan-{case.reference}-v{version.number}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
