# SPDX-License-Identifier: EUPL-1.2
"""What the API shows (camelCase, as the API Design Rules ask) and the shapes it accepts.
Serializers only describe; the views read through selectors and write through services."""

from rest_framework import serializers

from casework.models import Case
from casework.models.incidents import Confidentiality
from safetyplan.models import AgreementStatus


class CoordinatorSerializer(serializers.Serializer):
    name = serializers.CharField(source="get_full_name")
    organisation = serializers.CharField(source="organisation.name", allow_null=True)


class CaseSerializer(serializers.ModelSerializer):
    phaseLabel = serializers.CharField(source="get_phase_display")
    trackLabel = serializers.CharField(source="get_track_display")
    municipality = serializers.CharField(source="municipality.name")
    coordinator = CoordinatorSerializer(allow_null=True)
    registeredAt = serializers.DateTimeField(source="registered_at")

    class Meta:
        model = Case
        fields = [
            "id",
            "reference",
            "phase",
            "phaseLabel",
            "track",
            "trackLabel",
            "municipality",
            "coordinator",
            "registeredAt",
        ]


class PersonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    firstName = serializers.CharField(source="first_name")
    lastName = serializers.CharField(source="last_name")
    dateOfBirth = serializers.DateField(source="date_of_birth")
    roles = serializers.SerializerMethodField()
    confidentialAddress = serializers.CharField(
        source="confidential_address",
        help_text="Het opvangadres: alleen gevuld voor de opvangorganisatie.",
    )

    def get_roles(self, person) -> list[str]:
        flags = {
            "victim": person.is_victim,
            "perpetrator": person.is_perpetrator,
            "child": person.is_child,
            "household_member": person.is_household_member,
            "network": person.is_network,
        }
        return [name for name, on in flags.items() if on]


class AgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseId = serializers.IntegerField(source="version.plan.case_id")
    caseReference = serializers.CharField(source="version.plan.case.reference")
    planVersion = serializers.IntegerField(source="version.number")
    part = serializers.CharField()
    description = serializers.CharField()
    ownerOrganisation = serializers.CharField(source="owner_organisation.name")
    dueDate = serializers.DateField(source="due_date")
    status = serializers.CharField(source="progress.status")
    notes = serializers.CharField(source="progress.notes")
    lockVersion = serializers.IntegerField(
        source="progress.lock_version",
        help_text="Stuur deze waarde mee bij een wijziging (optimistische vergrendeling).",
    )


class AgreementStatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AgreementStatus.values)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)
    # Required: a save without the version it was based on is refused (issue 12).
    lockVersion = serializers.IntegerField()


class ActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseId = serializers.IntegerField(source="part.case_id")
    caseReference = serializers.CharField(source="part.case.reference")
    conferenceDate = serializers.DateTimeField(source="part.conference.starts_at")
    description = serializers.CharField()
    ownerOrganisation = serializers.CharField(source="owner_organisation.name")
    dueDate = serializers.DateField(source="due_date")
    status = serializers.CharField(source="deadline_status")
    riskItems = serializers.ListField(
        child=serializers.CharField(),
        source="risk_labels",
        read_only=True,
        help_text=(
            "De onveilige situaties uit de Top-3 waar de actie aan werkt, als 'rang. titel' "
            "in de huidige planversie; leeg als er geen is (zie noRiskReason)."
        ),
    )
    noRiskReason = serializers.CharField(
        source="no_risk_reason",
        read_only=True,
        help_text="Waarom de actie aan geen onveilige situatie werkt; leeg als ze er een noemt.",
    )


class DeadlineSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseId = serializers.IntegerField(source="case_id")
    caseReference = serializers.CharField(source="case.reference")
    kind = serializers.CharField()
    title = serializers.CharField()
    ownerOrganisation = serializers.CharField(source="owner_organisation.name")
    dueDate = serializers.DateField(source="due_date")
    status = serializers.CharField()


class ConditionSerializer(serializers.Serializer):
    text = serializers.CharField()
    isMet = serializers.BooleanField(source="is_met")


class PlanAgreementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    part = serializers.CharField()
    description = serializers.CharField()
    ownerOrganisation = serializers.CharField(source="owner_organisation.name")
    dueDate = serializers.DateField(source="due_date")


class RiskItemSerializer(serializers.Serializer):
    rank = serializers.IntegerField()
    title = serializers.CharField()
    dangerStatement = serializers.CharField(source="danger_statement")
    safetyGoal = serializers.CharField(source="safety_goal")
    nextEvaluation = serializers.DateField(source="next_evaluation", allow_null=True)
    conditions = ConditionSerializer(many=True)
    agreements = PlanAgreementSerializer(many=True)


class PlanVersionSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    caseId = serializers.IntegerField(source="plan.case_id")
    adoptedAt = serializers.DateTimeField(source="adopted_at")
    acknowledgedByMyOrganisation = serializers.BooleanField(source="acknowledged_by_mine")
    riskItems = RiskItemSerializer(many=True, source="active_items")


class AcknowledgementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    planVersion = serializers.IntegerField(source="version.number")
    organisation = serializers.CharField(source="organisation.name")
    acknowledgedAt = serializers.DateTimeField(source="acknowledged_at")


class HuisverbodSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseId = serializers.IntegerField(source="case_id")
    caseReference = serializers.CharField(source="case.reference")
    status = serializers.CharField()
    imposedAt = serializers.DateTimeField(source="imposed_at")
    endsAt = serializers.DateTimeField(source="ends_at")
    extendedAt = serializers.DateTimeField(source="extended_at", allow_null=True)


class IncidentCreateSerializer(serializers.Serializer):
    occurredAt = serializers.DateTimeField()
    description = serializers.CharField(max_length=10000)
    confidentiality = serializers.ChoiceField(
        choices=Confidentiality.values, default=Confidentiality.TEAM
    )


class IncidentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caseId = serializers.IntegerField(source="case_id")
    occurredAt = serializers.DateTimeField(source="occurred_at")
    description = serializers.CharField()
    confidentiality = serializers.CharField()
    sector = serializers.CharField()
    reportedBy = serializers.CharField(source="reported_by_organisation.name")
