# SPDX-License-Identifier: EUPL-1.2
"""What the case's phase machine asks of the safety plan.

Provisional until the safety-plan issue lands: without a plan model there is no adopted
plan, so both guards refuse, and the case page says why.
"""


def immediate_safety_reached(case) -> bool:
    """An adopted plan with 1-3 risk items whose immediate-safety conditions are all met."""
    return False


def care_agreements_in_place(case) -> bool:
    """Every risk item of the adopted plan has risk-steered care agreements."""
    return False
