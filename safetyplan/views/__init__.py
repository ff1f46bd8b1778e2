# SPDX-License-Identifier: EUPL-1.2
"""Safety-plan pages, by sub-domain. Every view starts from the cases the user may see
(case_get_for) and hands writes to safetyplan.services."""

from safetyplan.views.acknowledgements import (
    acknowledge_view,
)
from safetyplan.views.agreements import (
    agreement_delete_view,
    agreement_status_view,
    agreement_view,
)
from safetyplan.views.conditions import (
    condition_delete_view,
    condition_view,
)
from safetyplan.views.risk_items import (
    rerank_view,
    risk_item_create_view,
    risk_item_replace_view,
    risk_item_update_view,
)
from safetyplan.views.scores import (
    scale_score_view,
)
from safetyplan.views.versions import (
    adopt_view,
    compare_view,
    export_pdf_view,
    plan_view,
    recovery_plan_view,
    start_draft_view,
    summary_view,
    version_detail_view,
    version_list_view,
)

__all__ = [
    "acknowledge_view",
    "adopt_view",
    "agreement_delete_view",
    "agreement_status_view",
    "agreement_view",
    "compare_view",
    "condition_delete_view",
    "condition_view",
    "export_pdf_view",
    "plan_view",
    "recovery_plan_view",
    "rerank_view",
    "risk_item_create_view",
    "risk_item_replace_view",
    "risk_item_update_view",
    "scale_score_view",
    "start_draft_view",
    "summary_view",
    "version_detail_view",
    "version_list_view",
]
