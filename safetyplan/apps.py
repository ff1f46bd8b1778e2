# SPDX-License-Identifier: EUPL-1.2
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafetyplanConfig(AppConfig):
    name = "safetyplan"
    verbose_name = _("Veiligheidsplan")

    def ready(self) -> None:
        # Registration with the rooms below (the phase guards, the case page, the
        # notifications, the conference agenda and actions, the timeline), once the models
        # are loaded.
        from casework.conditions import register_plan_guard
        from casework.lifecycle import register_close_warning
        from casework.page import CaseSection, register_case_annotations, register_case_section
        from casework.timeline import register_timeline_source
        from conferences.agenda import register_agenda_source
        from conferences.risks import register_action_risk_source
        from deadlines.registry import register_decision_handler
        from notifications.registry import register_event
        from safetyplan import action_risks, agenda, decisions, guards, page, timeline

        register_plan_guard("immediate_safety_reached", guards.immediate_safety_reached)
        register_plan_guard("care_agreements_in_place", guards.care_agreements_in_place)
        register_close_warning(guards.close_warnings)
        register_case_annotations(guards.case_page_annotations)
        register_decision_handler("safetyplan.agreementprogress", decisions.agreement_decided)
        register_decision_handler("safetyplan.risk", decisions.evaluation_decided)
        register_case_section(
            CaseSection(
                name="safetyplan",
                template="safetyplan/partials/_case_section.html",
                build=page.plan_case_section,
            )
        )
        register_event("plan-adopted", page.describe_plan_adopted)
        register_agenda_source(agenda.not_met_agreements)
        register_agenda_source(agenda.scale_drops)
        from safetyplan.models import AgreementProgress, PlanAcknowledgement, PlanVersion

        register_timeline_source(
            timeline.plan_timeline,
            related={
                PlanVersion: lambda obj: obj.plan.case_id,
                PlanAcknowledgement: lambda obj: obj.version.plan.case_id,
                AgreementProgress: lambda obj: obj.plan.case_id,
            },
        )
        register_action_risk_source(action_risks.SOURCE)
