# SPDX-License-Identifier: EUPL-1.2
"""The only writer of outcomes: the victim's own safety rating."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import Action
from audit.services import audit_record
from casework.models import Case, ClosureRequest, Person
from casework.models.cases import Phase
from config.formats import local_date
from outcomes.models import RatingMoment, VictimRating
from outcomes.permissions import can_record_rating


def rating_moment_open(case: Case, moment: str) -> bool:
    """The start rating once the case has started; the closing rating once closing is
    asked (a pending request) or done."""
    if moment == RatingMoment.START:
        return case.phase != Phase.REGISTERED
    return (
        case.is_closed
        # all(): the case page loaded the closure requests once for every part of it.
        or any(r.status == ClosureRequest.Status.PENDING for r in case.closure_requests.all())
    )


@transaction.atomic
def rating_record(
    *,
    actor: User,
    case: Case,
    person: Person | None,
    moment: str,
    score: int | None,
    rated_on: date | None,
    asked_by: str,
) -> VictimRating:
    if not can_record_rating(actor, case):
        raise PermissionDenied
    errors = {}
    if person is None or person.case_id != case.pk or not person.is_victim:
        errors["person"] = _("Kies een slachtoffer van deze casus.")
    if moment not in RatingMoment.values:
        errors["moment"] = _("Kies het moment: bij de start of bij afsluiten.")
    elif not rating_moment_open(case, moment):
        errors["moment"] = (
            _("De casus is nog niet gestart; leg de beleving bij de start vast na de start.")
            if moment == RatingMoment.START
            else _("De beleving bij afsluiten kan pas worden vastgelegd als afsluiten is gevraagd.")
        )
    if score is None or not 0 <= score <= 10:
        errors["score"] = _("Vul een cijfer van 0 tot en met 10 in.")
    today = timezone.localdate()
    if rated_on is None:
        errors["rated_on"] = _("Vul in wanneer het slachtoffer dit vertelde.")
    elif rated_on > today:
        errors["rated_on"] = _("De datum (%(date)s) ligt in de toekomst.") % {
            "date": local_date(rated_on)
        }
    elif rated_on < timezone.localdate(case.registered_at):
        errors["rated_on"] = _("De datum ligt vóór de aanmelding van de casus (%(date)s).") % {
            "date": local_date(case.registered_at)
        }
    if not asked_by.strip():
        errors["asked_by"] = _("Vul in wie het slachtoffer de vraag stelde.")
    if errors:
        raise ValidationError(errors)
    rating, created = VictimRating.objects.update_or_create(
        case=case,
        person=person,
        moment=moment,
        defaults={
            "score": score,
            "rated_on": rated_on,
            "asked_by": asked_by.strip(),
            "recorded_by": actor,
        },
    )
    audit_record(
        actor=actor,
        action=Action.CREATE if created else Action.UPDATE,
        case=case,
        obj=rating,
        persons=[person],
    )
    return rating
