# SPDX-License-Identifier: EUPL-1.2
"""The partner API, version 1. Every read starts from casework.selectors.case_qs_visible_to
(the token's service account sees what its organisation's professionals see); every write
goes through the domain service a professional's form reaches, with the same refusals.
Every call is in the access log: what was returned, or that it was refused."""

from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from api.models import Scope
from api.permissions import HasScope
from api.serializers import (
    AcknowledgementSerializer,
    ActionSerializer,
    AgreementSerializer,
    AgreementStatusSerializer,
    CaseSerializer,
    DeadlineSerializer,
    HuisverbodSerializer,
    IncidentCreateSerializer,
    IncidentSerializer,
    PersonSerializer,
    PlanVersionSerializer,
)
from audit.models import Action as AuditAction
from audit.services import audit_record, audit_record_many, request_entries
from casework.selectors import case_get_for, case_qs_visible_to, persons_visible_to
from casework.services.cases import incident_record
from conferences.models import Action as ConferenceAction
from conferences.risks import with_risk_labels
from deadlines.models import Deadline
from huisverbod.selectors import running_huisverboden_visible_to
from safetyplan.models import (
    ItemStatus,
    PlanAcknowledgement,
    PlanVersion,
    RiskItem,
    SafetyAgreement,
    VersionStatus,
)
from safetyplan.services import agreement_set_status, plan_acknowledge

API_VERSION = "1.1.0"  # 1.1: actions show riskItems and noRiskReason (issue 20)
MAX_ID = 2**63 - 1


class ApiView(generics.GenericAPIView):
    """Scopes, the API-Version header, and a "denied" log entry for every refused call."""

    permission_classes = [HasScope]
    read_scope = Scope.CASES_READ
    write_scope = ""
    audit_action = AuditAction.VIEW

    query_params: frozenset[str] = frozenset()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if any(isinstance(v, int) and not 0 < v <= MAX_ID for v in self.kwargs.values()):
            raise Http404  # an id no database row can have (and SQLite cannot even compare)
        unknown = sorted(set(request.query_params) - self.query_params)
        if unknown:
            raise ValidationError({name: [_("Onbekende parameter.")] for name in unknown[:10]})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        response["API-Version"] = API_VERSION
        user = getattr(request, "user", None)
        refused = response.status_code >= 400 and not request_entries()
        if refused and user is not None and user.is_authenticated:
            case_id = self.kwargs.get("case_id")
            audit_record(
                actor=user,
                action=AuditAction.DENIED,
                case_id=case_id if isinstance(case_id, int) and 0 < case_id <= MAX_ID else None,
                path=request.path,
                purpose=f"API {response.status_code}",
            )
        return response

    @property
    def organisation(self):
        return self.request.user.organisation

    def visible_case(self):
        return case_get_for(self.request.user, self.kwargs["case_id"])


class ApiListView(generics.ListAPIView, ApiView):
    """A paginated list; `audit_items` says which (case, object) pairs were returned."""

    query_params = frozenset({"page", "pageSize"})

    def audit_items(self, page) -> list:
        return [(item.case, item, ()) for item in page]

    def prepare(self, page) -> None:
        """Reads for the whole page at once, before it is serialised (none by default)."""

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        self.prepare(page)
        items = self.audit_items(page)
        if items:
            audit_record_many(
                actor=request.user, action=AuditAction.VIEW, items=items, path=request.path
            )
        else:  # an empty answer is a call too
            audit_record(
                actor=request.user, action=AuditAction.VIEW, path=request.path, purpose="API"
            )
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


# --- cases ---------------------------------------------------------------------------------
class CaseList(ApiListView):
    """The cases the organisation takes part in."""

    serializer_class = CaseSerializer

    def get_queryset(self):
        return (
            case_qs_visible_to(self.request.user)
            .select_related("municipality", "coordinator__organisation")
            .order_by("-registered_at", "-pk")
        )

    def audit_items(self, page) -> list:
        return [(case, None, ()) for case in page]


class CaseDetail(ApiView):
    serializer_class = CaseSerializer

    def get(self, request, case_id: int):
        case = self.visible_case()
        audit_record(
            actor=request.user, action=AuditAction.VIEW, case=case, obj=case, path=request.path
        )
        return Response(self.get_serializer(case).data)


class CasePersons(ApiView):
    """The persons of a case; the shelter address only for the shelter organisation."""

    serializer_class = PersonSerializer
    pagination_class = None

    @extend_schema(responses=PersonSerializer(many=True))
    def get(self, request, case_id: int):
        case = self.visible_case()
        persons = persons_visible_to(request.user, case)
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            case=case,
            persons=persons,
            path=request.path,
        )
        return Response(self.get_serializer(persons, many=True).data)


# --- agreements and actions ------------------------------------------------------------------
def _latest_adopted_number():
    return Subquery(
        PlanVersion.objects.filter(plan=OuterRef("version__plan"), status=VersionStatus.ADOPTED)
        .order_by("-number")
        .values("number")[:1]
    )


class AgreementList(ApiListView):
    """The organisation's own agreements in the latest adopted plan version of each case."""

    serializer_class = AgreementSerializer

    def get_queryset(self):
        return (
            SafetyAgreement.objects.filter(
                version__plan__case__in=case_qs_visible_to(self.request.user),
                version__status=VersionStatus.ADOPTED,
                version__number=_latest_adopted_number(),
                owner_organisation=self.organisation,
                risk_item__status=ItemStatus.ACTIVE,
            )
            .select_related("version__plan__case", "owner_organisation", "progress")
            .order_by("due_date", "pk")
        )

    def audit_items(self, page) -> list:
        return [(a.version.plan.case, a, ()) for a in page]


class AgreementDetail(ApiView):
    serializer_class = AgreementSerializer
    write_scope = Scope.AGREEMENTS_WRITE

    def _agreement(self) -> SafetyAgreement:
        agreement = (
            SafetyAgreement.objects.filter(
                version__plan__case__in=case_qs_visible_to(self.request.user),
                version__status=VersionStatus.ADOPTED,
            )
            .select_related("version__plan__case", "owner_organisation", "progress")
            .filter(pk=self.kwargs["agreement_id"])
            .first()
        )
        if agreement is None:
            raise Http404
        return agreement

    def get(self, request, agreement_id: int):
        agreement = self._agreement()
        audit_record(
            actor=request.user,
            action=AuditAction.VIEW,
            case=agreement.version.plan.case,
            obj=agreement,
            path=request.path,
        )
        return Response(self.get_serializer(agreement).data)

    @extend_schema(request=AgreementStatusSerializer, responses=AgreementSerializer)
    def patch(self, request, agreement_id: int):
        agreement = self._agreement()
        data = AgreementStatusSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        agreement_set_status(
            actor=request.user,
            agreement=agreement,
            status=data.validated_data["status"],
            notes=data.validated_data["notes"],
            lock_version=data.validated_data["lockVersion"],
        )
        return Response(self.get_serializer(self._agreement()).data)


class ActionList(ApiListView):
    """The organisation's own actions from case conferences, with their deadline status."""

    serializer_class = ActionSerializer

    def get_queryset(self):
        status_of = Deadline.objects.filter(
            source_type="conferences.action", source_id=OuterRef("pk")
        ).values("status")[:1]
        return (
            ConferenceAction.objects.filter(
                part__case__in=case_qs_visible_to(self.request.user),
                owner_organisation=self.organisation,
            )
            .annotate(deadline_status=Subquery(status_of))
            .select_related("part__case", "part__conference", "owner_organisation")
            .order_by("due_date", "pk")
        )

    def prepare(self, page) -> None:
        with_risk_labels(page)  # the Top-3 items each action works on, one read for the page

    def audit_items(self, page) -> list:
        return [(a.part.case, a, ()) for a in page]


class DeadlineList(ApiListView):
    """The organisation's deadlines (agreements, actions, evaluations) on its cases."""

    serializer_class = DeadlineSerializer

    def get_queryset(self):
        return (
            Deadline.objects.filter(
                case__in=case_qs_visible_to(self.request.user),
                owner_organisation=self.organisation,
            )
            .select_related("case", "owner_organisation")
            .order_by("due_date", "pk")
        )

    def audit_items(self, page) -> list:
        return [(d.case, d, ()) for d in page]


# --- plan versions ---------------------------------------------------------------------------
class PlanVersionMixin:
    def versions(self, case):
        mine = PlanAcknowledgement.objects.filter(
            version=OuterRef("pk"), organisation_id=self.request.user.organisation_id
        )
        items = (
            RiskItem.objects.filter(status=ItemStatus.ACTIVE)
            .order_by("rank")
            .prefetch_related(
                "conditions",
                Prefetch(
                    "agreements",
                    queryset=SafetyAgreement.objects.select_related("owner_organisation").order_by(
                        "due_date", "pk"
                    ),
                ),
            )
        )
        return (
            PlanVersion.objects.filter(plan__case=case, status=VersionStatus.ADOPTED)
            .select_related("plan")
            .annotate(acknowledged_by_mine=Exists(mine))
            .prefetch_related(Prefetch("risk_items", queryset=items, to_attr="active_items"))
            .order_by("-number")
        )


class PlanVersionList(PlanVersionMixin, ApiListView):
    """The adopted versions of the case's safety plan, newest first."""

    serializer_class = PlanVersionSerializer

    def get_queryset(self):
        self.case = self.visible_case()
        return self.versions(self.case)

    def audit_items(self, page) -> list:
        return [(self.case, version, ()) for version in page]


class PlanVersionDetail(PlanVersionMixin, ApiView):
    serializer_class = PlanVersionSerializer

    def get(self, request, case_id: int, number: int):
        case = self.visible_case()
        version = self.versions(case).filter(number=number).first()
        if version is None:
            raise Http404
        audit_record(
            actor=request.user, action=AuditAction.VIEW, case=case, obj=version, path=request.path
        )
        return Response(self.get_serializer(version).data)


class PlanAcknowledgementCreate(ApiView):
    """Acknowledge an adopted version on behalf of the organisation."""

    serializer_class = AcknowledgementSerializer
    write_scope = Scope.PLANS_ACKNOWLEDGE

    @extend_schema(request=None, responses={201: AcknowledgementSerializer})
    def post(self, request, case_id: int, number: int):
        case = self.visible_case()
        version = PlanVersion.objects.filter(
            plan__case=case, number=number, status=VersionStatus.ADOPTED
        ).first()
        if version is None:
            raise Http404
        ack = plan_acknowledge(actor=request.user, version=version)
        return Response(self.get_serializer(ack).data, status=status.HTTP_201_CREATED)


# --- huisverboden and incidents --------------------------------------------------------------
class HuisverbodList(ApiListView):
    """Running huisverboden on the organisation's cases, with their ends."""

    serializer_class = HuisverbodSerializer

    def get_queryset(self):
        return running_huisverboden_visible_to(self.request.user)

    def audit_items(self, page) -> list:
        return [(h.case, h, ()) for h in page]


class IncidentCreate(ApiView):
    """Record an incident on a case, as the organisation."""

    serializer_class = IncidentSerializer
    write_scope = Scope.INCIDENTS_WRITE

    @extend_schema(request=IncidentCreateSerializer, responses={201: IncidentSerializer})
    def post(self, request, case_id: int):
        case = self.visible_case()
        data = IncidentCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        incident = incident_record(
            actor=request.user,
            case=case,
            occurred_at=data.validated_data["occurredAt"],
            description=data.validated_data["description"],
            confidentiality=data.validated_data["confidentiality"],
        )
        return Response(self.get_serializer(incident).data, status=status.HTTP_201_CREATED)


def not_found(request, rest: str = ""):
    """Any other address under /api/v1/: the same problem+json 404, never an HTML page."""
    body = {
        "type": "https://casusregie.nl/api/problemen/niet-gevonden",
        "title": _("Niet gevonden."),
        "status": 404,
        "detail": _("Niet gevonden."),
        "instance": request.path,
    }
    response = JsonResponse(body, status=404, content_type="application/problem+json")
    response["API-Version"] = API_VERSION
    return response
