# SPDX-License-Identifier: EUPL-1.2
"""The data-subject copy (AVG art. 15): everything about one person across all cases, with
what must be withheld removed and listed with the reason. As a dict (the JSON file) and
as a PDF (reportlab, as the safety plan's PDF)."""

from io import BytesIO

from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from audit.models import AuditEntry
from casework.models import Confidentiality, Incident, Person
from huisverbod.models import Huisverbod
from safetyplan.models import RecoveryPlan

OTHER_PERSON = "other_person"
SHELTER_ADDRESS = "shelter_address"
PARTNER_OBJECTION = "partner_objection"

REASONS = {
    OTHER_PERSON: "Gegevens van een ander (AVG art. 15 lid 4)",
    SHELTER_ADDRESS: "Vertrouwelijk (opvang)adres: veiligheid van betrokkenen",
    PARTNER_OBJECTION: "Informatie van een partner die bezwaar maakt tegen verstrekking",
}


def _when(value) -> str:
    return timezone.localtime(value).isoformat() if value else ""


def _history(person: Person) -> list[dict]:
    return [
        {
            "at": _when(h.history_date),
            "change": h.get_history_type_display(),
            "by": str(h.history_user) if h.history_user else "",
            "first_name": h.first_name,
            "last_name": h.last_name,
            "date_of_birth": h.date_of_birth.isoformat(),
            "phone": h.phone,
            "email": h.email,
            "address": h.address,
        }
        for h in person.changes.select_related("history_user").order_by("history_date")
    ]


def data_subject_copy(request) -> dict:
    """The copy for one data-subject request (the persons identified in it)."""
    persons = list(request.persons.select_related("case").order_by("case__reference"))
    withheld: list[dict] = []
    cases = []
    for person in persons:
        case = person.case
        if person.confidential_address:
            withheld.append(
                {"case": case.reference, "part": _("Adres"), "reason": REASONS[SHELTER_ADDRESS]}
            )
        others = Person.objects.filter(case=case).exclude(pk=person.pk).count()
        if others:
            withheld.append(
                {
                    "case": case.reference,
                    "part": _("%(n)s andere betrokkene(n)") % {"n": others},
                    "reason": REASONS[OTHER_PERSON],
                }
            )
        incidents = []
        for incident in Incident.objects.filter(case=case).select_related(
            "reported_by_organisation"
        ):
            if incident.confidentiality != Confidentiality.TEAM:
                withheld.append(
                    {
                        "case": case.reference,
                        "part": _("Incident van %(org)s")
                        % {"org": incident.reported_by_organisation},
                        "reason": REASONS[PARTNER_OBJECTION],
                    }
                )
                continue
            incidents.append(
                {
                    "occurred_at": _when(incident.occurred_at),
                    "description": incident.description,
                    "reported_by": str(incident.reported_by_organisation),
                }
            )
        plans = [
            {"version": r.version.number, "goals": r.goals, "support": r.support}
            for r in RecoveryPlan.objects.filter(person=person).select_related("version")
        ]
        decisions = [
            {
                "kind": "huisverbod",
                "status": h.get_status_display(),
                "imposed_at": _when(h.imposed_at),
                "ends_at": _when(h.ends_at),
            }
            for h in Huisverbod.objects.filter(person=person)
        ]
        seen = [
            {
                "at": _when(e.at),
                "organisation": e.organisation,
                "role": e.role,
                "action": e.get_action_display(),
            }
            for e in AuditEntry.objects.filter(person_ids__contains=f"|{person.pk}|").order_by("at")
        ]
        cases.append(
            {
                "case": case.reference,
                "person": {
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "date_of_birth": person.date_of_birth.isoformat(),
                    "roles": [str(label) for label in person.role_labels],
                    "phone": person.phone,
                    "email": person.email,
                    "address": person.address,
                },
                "incidents": incidents,
                "plan_items": plans,
                "decisions": decisions,
                "seen_by": seen,
                "history": _history(person),
            }
        )
    return {
        "request": {
            "id": request.pk,
            "kind": request.get_kind_display(),
            "received_on": request.received_on.isoformat(),
            "due_on": request.due_on.isoformat(),
        },
        "produced_at": timezone.localtime().isoformat(),
        "cases": cases,
        "withheld": withheld,
    }


def copy_pdf(copy: dict) -> bytes:
    styles = getSampleStyleSheet()

    def p(text, style="BodyText"):
        return Paragraph(escape(str(text or "—")).replace("\n", "<br/>"), styles[style])

    story = [p(_("Overzicht van uw gegevens"), "Title"), p(copy["produced_at"])]
    for case in copy["cases"]:
        person = case["person"]
        story += [
            Spacer(1, 4 * mm),
            p(_("Casus %(ref)s") % {"ref": case["case"]}, "Heading2"),
            p(f"{person['first_name']} {person['last_name']}, {person['date_of_birth']}"),
            p(", ".join(person["roles"])),
            p(" ".join(filter(None, [person["phone"], person["email"], person["address"]]))),
            p(_("Incidenten"), "Heading3"),
            *[p(f"{i['occurred_at']}: {i['description']}") for i in case["incidents"]],
            p(_("Herstelplan"), "Heading3"),
            *[p(f"{r['goals']} {r['support']}") for r in case["plan_items"]],
            p(_("Besluiten"), "Heading3"),
            *[p(f"{d['kind']}: {d['status']} {d['imposed_at']}") for d in case["decisions"]],
            p(_("Wie zag uw gegevens"), "Heading3"),
            *[
                p(f"{s['at']}: {s['organisation']} ({s['role']}) — {s['action']}")
                for s in case["seen_by"]
            ],
            p(_("Wijzigingen"), "Heading3"),
            *[
                p(f"{h['at']} {h['change']}: {h['first_name']} {h['last_name']}")
                for h in case["history"]
            ],
        ]
    story += [Spacer(1, 4 * mm), p(_("Niet verstrekt"), "Heading2")]
    story += [p(f"{w['case']}: {w['part']} — {w['reason']}") for w in copy["withheld"]]
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=_("Overzicht van uw gegevens")).build(story)
    return buffer.getvalue()
