# SPDX-License-Identifier: EUPL-1.2
"""Compare two versions side by side: what was added, removed and changed.

Rows are matched across versions by what they follow: a risk item by its Risk, a
condition by its key, an agreement by its AgreementProgress, a recovery plan by person.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from config.formats import local_date
from safetyplan.models import RiskItem, SafetyAgreement, SafetyCondition
from safetyplan.selectors import VersionContent
from safetyplan.services import RISK_ITEM_FIELDS

ADDED, REMOVED, CHANGED, SAME = "added", "removed", "changed", "same"

ITEM_FIELDS = ["rank", *RISK_ITEM_FIELDS]


@dataclass
class FieldRow:
    label: str
    old: str
    new: str

    @property
    def state(self) -> str:
        if self.old == self.new:
            return SAME
        if not self.old:
            return ADDED
        if not self.new:
            return REMOVED
        return CHANGED


@dataclass
class Block:
    """One matched thing (item, condition, agreement, recovery plan) in both versions."""

    title: str
    state: str
    fields: list[FieldRow]
    children: list["Block"] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.state != SAME or any(c.changed for c in self.children)


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return local_date(value)
    return str(value)


def _fields(model, names, old, new) -> list[FieldRow]:
    rows = []
    for name in names:
        label = str(model._meta.get_field(name).verbose_name)
        rows.append(
            FieldRow(
                label.capitalize(),
                _text(_display(old, name)) if old else "",
                _text(_display(new, name)) if new else "",
            )
        )
    return rows


def _display(obj, name):
    getter = getattr(obj, f"get_{name}_display", None)
    if getter is not None:
        return getter()
    return getattr(obj, name)


def _state(old, new, rows) -> str:
    if old is None:
        return ADDED
    if new is None:
        return REMOVED
    return CHANGED if any(r.state != SAME for r in rows) else SAME


def _pair(old_list, new_list, key):
    old = {key(o): o for o in old_list}
    new = {key(n): n for n in new_list}
    order = [key(n) for n in new_list] + [k for k in old if k not in new]
    return [(old.get(k), new.get(k)) for k in order]


AGREEMENT_FIELDS = ["part", "description", "owner_organisation", "owner_user", "due_date"]


def compare_versions(old: VersionContent, new: VersionContent) -> list[Block]:
    blocks = []
    for old_item, new_item in _pair(old.items, new.items, lambda i: i.risk_id):
        rows = _fields(RiskItem, ITEM_FIELDS, old_item, new_item)
        children = []
        old_conditions = list(old_item.conditions.all()) if old_item else []
        new_conditions = list(new_item.conditions.all()) if new_item else []
        for oc, nc in _pair(old_conditions, new_conditions, lambda c: c.key):
            crow = _fields(SafetyCondition, ["text", "is_met"], oc, nc)
            children.append(Block(str(_("Veiligheidsvoorwaarde")), _state(oc, nc, crow), crow))
        old_agreements = list(old_item.agreements.all()) if old_item else []
        new_agreements = list(new_item.agreements.all()) if new_item else []
        for oa, na in _pair(old_agreements, new_agreements, lambda a: a.progress_id):
            arow = _fields(SafetyAgreement, AGREEMENT_FIELDS, oa, na)
            children.append(Block(str(_("Afspraak")), _state(oa, na, arow), arow))
        title = (new_item or old_item).title
        blocks.append(Block(title, _state(old_item, new_item, rows), rows, children))
    for old_plan, new_plan in _pair(old.recovery_plans, new.recovery_plans, lambda r: r.person_id):
        person = (new_plan or old_plan).person
        rows = [
            FieldRow(
                str(_("Hersteldoelen")),
                old_plan.goals if old_plan else "",
                new_plan.goals if new_plan else "",
            ),
            FieldRow(
                str(_("Hulp en ondersteuning")),
                old_plan.support if old_plan else "",
                new_plan.support if new_plan else "",
            ),
        ]
        title = str(_("Herstelplan %(person)s") % {"person": person})
        blocks.append(Block(title, _state(old_plan, new_plan, rows), rows))
    summary = FieldRow(
        str(_("Risicogestuurd zorgplan: samenvatting")),
        old.version.care_plan_summary,
        new.version.care_plan_summary,
    )
    if summary.old or summary.new:
        blocks.append(
            Block(
                summary.label,
                SAME if summary.state == SAME else CHANGED,
                [summary],
            )
        )
    return blocks
