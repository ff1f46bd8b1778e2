# SPDX-License-Identifier: EUPL-1.2
"""Demo data for issue 16 (idempotent): a police report and a letter with two versions
on the demo case, journal notes (one only for the police), a household with Turkish
diacritics to search for ("Kilic" finds "Kılıç"), and a repeat referral confirmed as
already known."""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import User
from casework.demo import POLICE, VEILIG_THUIS, _register, demo_case
from casework.models import CaseNote, Confidentiality, PersonLink
from casework.services.cases import person_link_known
from casework.services.notes import note_record
from documents.models import Document
from documents.services import document_add_version, document_upload

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf(name: str, extra: bytes = b"") -> ContentFile:
    return ContentFile(PDF + extra, name=name)


def load() -> None:
    coordinator = User.objects.get(username="regisseur")
    police = User.objects.get(username="politie")
    case = demo_case("demo-directe-veiligheid")
    if case is not None and not Document.objects.filter(case=case).exists():
        document_upload(
            actor=police,
            case=case,
            title="Proces-verbaal van aangifte (fictief)",
            kind="police_report",
            document_date=timezone.localdate() - datetime.timedelta(days=2),
            file=_pdf("proces-verbaal.pdf"),
            confidentiality=Confidentiality.ORGANISATION,
        )
        letter = document_upload(
            actor=coordinator,
            case=case,
            title="Brief aan betrokkenen over het veiligheidsplan (fictief)",
            kind="letter",
            document_date=timezone.localdate(),
            file=_pdf("brief.pdf"),
            person=case.persons.filter(is_victim=True).first(),
        )
        document_add_version(
            actor=coordinator, document=letter, file=_pdf("brief-v2.pdf", b"%v2\n")
        )
    if case is not None and not CaseNote.objects.filter(case=case).exists():
        note_record(
            actor=coordinator,
            case=case,
            text="Sanne telefonisch gesproken; zij voelt zich veiliger in de opvang (fictief).",
        )
        note_record(
            actor=police,
            case=case,
            text="Wijkagent heeft Mark aangesproken op het contactverbod (fictief).",
            confidentiality=Confidentiality.ORGANISATION,
        )
    if demo_case("demo-kilic") is None:
        _register(
            "demo-kilic",
            track="code_rood",
            municipality="Hengelo",
            registering=POLICE,
            criteria=["threat_to_life"],
            reason="Doodsbedreiging na aangekondigde scheiding (fictief).",
            partners=[VEILIG_THUIS],
            persons=[
                (["victim"], "Ayşe", "Kılıç-demo", datetime.date(1991, 4, 2), {}),
                (["perpetrator"], "Emre", "Kılıç-demo", datetime.date(1989, 8, 19), {}),
            ],
        )
    if demo_case("demo-herhaling") is None:
        repeat = _register(
            "demo-herhaling",
            track="code_rood",
            municipality="Hengelo",
            registering=VEILIG_THUIS,
            criteria=["repeated_incidents"],
            reason="Nieuwe melding over hetzelfde gezin (fictief herhaalde aanmelding).",
            partners=[],
            persons=[(["victim"], "Ayse", "Kilic-demo", datetime.date(1991, 4, 2), {})],
        )
        person = repeat.persons.get()
        known = demo_case("demo-kilic").persons.filter(date_of_birth=person.date_of_birth)
        if not PersonLink.objects.filter(person=person).exists():
            person_link_known(actor=coordinator, person=person, known=list(known))
