# SPDX-License-Identifier: EUPL-1.2
"""The data-subject copy (AVG art. 15): everything about one person across all cases, with
what must be withheld removed and listed with the reason. As a dict (the JSON file) and
as a PDF (a Django template rendered by WeasyPrint, with the embedded local font, like the
safety plan's PDF: names in any script print correctly, the file is tagged PDF/UA-1)."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML

from audit.models import AuditEntry
from audit.selectors import naming_person
from casework.models import Confidentiality, Incident, Person
from conferences.models import Decision
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
            "date_of_birth": h.date_of_birth.isoformat() if h.date_of_birth else "",
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
        # Said of every case, whether or not there is any: naming or counting the incidents
        # a partner keeps to its organisation or sector would tell the data subject (who
        # may be the perpetrator) that, and by whom, one was recorded (issue 13).
        withheld.append(
            {
                "case": case.reference,
                "part": _(
                    "Incidenten die een partner alleen voor de eigen organisatie of sector "
                    "vastlegde (als die er zijn)"
                ),
                "reason": REASONS[PARTNER_OBJECTION],
            }
        )
        incidents = []
        for incident in Incident.objects.filter(
            case=case, confidentiality=Confidentiality.TEAM
        ).select_related("reported_by_organisation"):
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
                "text": "",
            }
            for h in Huisverbod.objects.filter(person=person)
        ]
        # The case conference's decisions on the household (visible to the whole team).
        decisions += [
            {
                "kind": "overleg",
                "status": d.get_proposal_display(),
                "imposed_at": _when(d.recorded_at),
                "ends_at": "",
                "text": d.text,
            }
            for d in Decision.objects.filter(part__case=case).order_by("recorded_at", "pk")
        ]
        seen = [
            {
                "at": _when(e.at),
                "organisation": e.organisation,
                "role": e.role,
                "action": e.get_action_display(),
            }
            for e in AuditEntry.objects.filter(naming_person(person.pk)).order_by("at", "pk")
        ]
        cases.append(
            {
                "case": case.reference,
                "person": {
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "date_of_birth": (
                        person.date_of_birth.isoformat() if person.date_of_birth else ""
                    ),
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


PDF_TEMPLATE = "privacy/pdf/copy.html"


def _font(name: str) -> str:
    return (Path(settings.PDF_FONT_DIR) / name).as_uri()


def copy_html(copy: dict) -> str:
    """The copy as the HTML the PDF is made from (also what the tests read)."""
    return render_to_string(
        PDF_TEMPLATE,
        {
            "LANGUAGE_CODE": get_language() or settings.LANGUAGE_CODE,
            "copy": copy,
            "marking": _("VERTROUWELIJK — overzicht van persoonsgegevens"),
            "font_regular": _font("DejaVuSans.ttf"),
            "font_bold": _font("DejaVuSans-Bold.ttf"),
        },
    )


def copy_pdf(copy: dict) -> bytes:
    # No base_url: the template links to nothing but the two local font files.
    return HTML(string=copy_html(copy)).write_pdf(pdf_variant="pdf/ua-1")
