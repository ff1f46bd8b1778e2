# SPDX-License-Identifier: EUPL-1.2
"""Writes on the safety plan, by sub-domain: versions and adoption, risk items, conditions,
agreements, acknowledgements and scores. Only these services write."""

from safetyplan.services.acknowledgements import (
    plan_acknowledge,
)
from safetyplan.services.agreements import (
    agreement_create,
    agreement_delete,
    agreement_set_status,
    agreement_update,
)
from safetyplan.services.base import (
    MAX_RISK_ITEMS,
    REQUIRED_RISK_FIELDS,
    RISK_ITEM_FIELDS,
    StaleEditError,
)
from safetyplan.services.conditions import (
    condition_create,
    condition_delete,
    condition_update,
)
from safetyplan.services.risk_items import (
    risk_item_create,
    risk_item_replace,
    risk_item_update,
    risk_items_rerank,
)
from safetyplan.services.scores import (
    scale_score_record,
)
from safetyplan.services.versions import (
    adoption_problems,
    plan_adopt,
    plan_export_pdf,
    plan_start_draft,
    plan_update_summary,
    recovery_plan_save,
)

__all__ = [
    "MAX_RISK_ITEMS",
    "REQUIRED_RISK_FIELDS",
    "RISK_ITEM_FIELDS",
    "StaleEditError",
    "adoption_problems",
    "agreement_create",
    "agreement_delete",
    "agreement_set_status",
    "agreement_update",
    "condition_create",
    "condition_delete",
    "condition_update",
    "plan_acknowledge",
    "plan_adopt",
    "plan_export_pdf",
    "plan_start_draft",
    "plan_update_summary",
    "recovery_plan_save",
    "risk_item_create",
    "risk_item_replace",
    "risk_item_update",
    "risk_items_rerank",
    "scale_score_record",
]
