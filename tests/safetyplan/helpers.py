# SPDX-License-Identifier: EUPL-1.2
"""Build plans through the services, as a coordinator would."""

import datetime

from django.utils import timezone

from accounts.models import OrganisationKind
from safetyplan import services
from safetyplan.models import AgreementPart
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory, add_partner, add_person


def item_fields(title="Dreiging met mes", **overrides):
    fields = {
        "title": title,
        "facts_who": "Mark (pleger, fictief)",
        "facts_what": "Dreigde met een mes in de keuken.",
        "facts_to_whom": "Sanne; de kinderen waren getuige.",
        "facts_when": "12 maart, 's avonds",
        "facts_impact": "Sanne is angstig en slaapt slecht.",
        "danger_statement": "Als er niets verandert, kan Mark Sanne ernstig verwonden.",
        "safety_goal": "Sanne en de kinderen zijn veilig thuis.",
        "consequences": "Bij overtreding volgt aanhouding.",
        "supervision": "Politie (wijkagent)",
        "next_evaluation": timezone.localdate() + datetime.timedelta(days=14),
    }
    fields.update(overrides)
    return fields


class PlanWorld:
    """A running case with police and Veilig Thuis taking part, and their professionals."""

    def __init__(self, coordinator=None):
        self.case = CaseFactory(**({"coordinator": coordinator} if coordinator else {}))
        add_person(self.case)
        self.police = self.case.registering_organisation
        self.vt = add_partner(self.case, OrganisationKind.VEILIG_THUIS)
        self.coordinator = self.case.coordinator
        self.agent = UserFactory(organisation=self.police, partner=True)
        self.vt_worker = UserFactory(organisation=self.vt, partner=True)

    def draft(self):
        return services.plan_start_draft(actor=self.coordinator, case=self.case)

    def item(self, version, rank=1, title=None, **overrides):
        return services.risk_item_create(
            actor=self.coordinator,
            version=version,
            rank=rank,
            **item_fields(title or f"Situatie {rank}", **overrides),
        )

    def condition(self, item, text="Mark heeft een contactverbod.", is_met=False):
        return services.condition_create(
            actor=self.coordinator, item=item, text=text, is_met=is_met
        )

    def agreement(self, item, owner=None, days=7, part=AgreementPart.SAFETY, text=None):
        return services.agreement_create(
            actor=self.coordinator,
            item=item,
            description=text or "Politie controleert het contactverbod.",
            owner_organisation=owner or self.police,
            due_date=timezone.localdate() + datetime.timedelta(days=days),
            part=part,
        )

    def complete_item(self, version, rank, *, met=False, care=False):
        item = self.item(version, rank)
        self.condition(item, is_met=met)
        self.agreement(item)
        if care:
            self.agreement(item, owner=self.vt, part=AgreementPart.CARE, text="Traject bij VT.")
        return item

    def adopted(self, n_items=3, *, met=False, care=False):
        version = self.draft()
        for rank in range(1, n_items + 1):
            self.complete_item(version, rank, met=met, care=care)
        return services.plan_adopt(actor=self.coordinator, version=version)
