# SPDX-License-Identifier: EUPL-1.2
"""Pages of the Top-3 risk items of a draft."""

from django.contrib import messages
from django.utils.translation import gettext as _

from safetyplan import selectors, services
from safetyplan.forms import (
    RerankForm,
    RiskItemContentForm,
    RiskItemForm,
    RiskItemReplaceForm,
)
from safetyplan.models import (
    ItemStatus,
)
from safetyplan.services import RISK_ITEM_FIELDS
from safetyplan.views.base import _editable, _item_in_draft, _plan_url, _refuse, edit_page


def risk_item_create_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    return edit_page(
        request,
        case,
        RiskItemForm,
        initial={"rank": selectors.free_rank(draft)},
        save=lambda cd: services.risk_item_create(
            actor=request.user,
            version=draft,
            rank=cd["rank"],
            **{k: cd[k] for k in RISK_ITEM_FIELDS},
        ),
        done=lambda item: _plan_url(case, f"item-{item.pk}"),
        title=_("Onveilige situatie toevoegen"),
        submit=_("Situatie opslaan"),
    )


def risk_item_update_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    return edit_page(
        request,
        case,
        RiskItemContentForm,
        initial={k: getattr(item, k) for k in RISK_ITEM_FIELDS}
        | {"lock_version": item.lock_version},
        save=lambda cd: services.risk_item_update(
            actor=request.user,
            item=item,
            lock_version=cd["lock_version"],
            **{k: cd[k] for k in RISK_ITEM_FIELDS},
        ),
        done=lambda saved: _plan_url(case, f"item-{item.pk}"),
        title=_("Onveilige situatie wijzigen"),
        submit=_("Wijzigingen opslaan"),
    )


def risk_item_replace_view(request, case_pk, item_pk):
    case, draft = _editable(request, case_pk)
    item = _item_in_draft(request, case, draft, item_pk)
    if item.status != ItemStatus.ACTIVE:
        _refuse(request, case)

    def done(new):
        messages.success(request, _("De situatie is vervangen; de oude blijft in de geschiedenis."))
        return _plan_url(case, f"item-{new.pk}")

    return edit_page(
        request,
        case,
        RiskItemReplaceForm,
        save=lambda cd: services.risk_item_replace(
            actor=request.user,
            item=item,
            reason=cd["replacement_reason"],
            **{k: cd[k] for k in RISK_ITEM_FIELDS},
        ),
        done=done,
        title=_("Situatie %(rank)s vervangen: %(title)s")
        % {"rank": item.rank, "title": item.title},
        submit=_("Vervangen"),
    )


def rerank_view(request, case_pk):
    case, draft = _editable(request, case_pk)
    return edit_page(
        request,
        case,
        RerankForm,
        form_kwargs={"items": selectors.active_items(draft)},
        save=lambda cd: services.risk_items_rerank(
            actor=request.user, version=draft, ranks=RerankForm.ranks_of(cd)
        ),
        done=lambda saved: _plan_url(case),
        title=_("Top-3 opnieuw rangschikken"),
        submit=_("Rangorde opslaan"),
    )
