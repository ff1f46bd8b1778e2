# SPDX-License-Identifier: EUPL-1.2
"""The case journal: short contact notes with a confidentiality level."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, CaseNote, Confidentiality
from casework.permissions import can_record_incident


def confidentiality_checked(*, actor: User, confidentiality: str, sector: str = "") -> str:
    """The sector to store with a confidentiality level: one's own sector, never another's
    (the rule for incidents, shared with notes and documents)."""
    if confidentiality not in Confidentiality.values:
        raise ValidationError({"confidentiality": _("Kies wie dit mag lezen.")})
    if confidentiality != Confidentiality.SECTOR:
        return ""
    own_sector = actor.organisation.sector if actor.organisation else ""
    if sector and sector != own_sector:
        raise ValidationError(
            {"confidentiality": _("U kunt dit alleen tot uw eigen sector beperken.")}
        )
    return own_sector


@transaction.atomic
def note_record(
    *, actor: User, case: Case, text: str, confidentiality: str = Confidentiality.TEAM
) -> CaseNote:
    if not can_record_incident(actor, case):
        raise PermissionDenied
    sector = confidentiality_checked(actor=actor, confidentiality=confidentiality)
    if case.is_closed:
        raise ValidationError(_("Deze casus is afgesloten; heropen hem eerst."))
    if not text.strip():
        raise ValidationError({"text": _("Schrijf wat u wilt vastleggen.")})
    note = CaseNote.objects.create(
        case=case,
        text=text.strip(),
        confidentiality=confidentiality,
        sector=sector,
        organisation=actor.organisation,
        author=actor,
    )
    audit_record(actor=actor, action=Action.CREATE, case=case, obj=note)
    return note
