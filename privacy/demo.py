# SPDX-License-Identifier: EUPL-1.2
"""Fake demo data for the privacy room, built through its services; idempotent."""

import datetime

from django.utils import timezone

from accounts.models import User
from casework.demo import demo_case
from privacy.models import DataSubjectRequest, InformingMethod, PersonInforming, RequestKind
from privacy.services import (
    informing_deadlines_sync,
    informing_record,
    request_register,
    request_step_record,
    restriction_grant,
    retention_extend,
)


def load() -> None:
    coordinator = User.objects.get(username="regisseur")
    log_manager = User.objects.get(username="logbeheerder")
    today = timezone.localdate()
    active = demo_case("demo-directe-veiligheid")
    if active is not None:
        persons = list(active.persons.order_by("pk"))
        if persons and not PersonInforming.objects.filter(person=persons[0]).exists():
            informing_record(
                actor=coordinator,
                person=persons[0],
                informed_on=today - datetime.timedelta(days=2),
                method=InformingMethod.IN_PERSON,
            )
        if len(persons) > 1 and not PersonInforming.objects.filter(person=persons[1]).exists():
            informing_record(
                actor=coordinator,
                person=persons[1],
                informed_on=None,
                method="",
                postponed_reason="Informeren van de pleger brengt het slachtoffer nu in gevaar "
                "(demo).",
                postponed_until=today + datetime.timedelta(days=21),
            )
        if persons and not DataSubjectRequest.objects.exists():
            request = request_register(
                actor=log_manager,
                kind="access",
                persons=[persons[0]],
                received_on=today - datetime.timedelta(days=3),
                description="Betrokkene vraagt per brief om inzage in alle gegevens (demo).",
            )
            request_step_record(
                actor=log_manager,
                request=request,
                description="Ontvangst bevestigd per brief (demo).",
            )
    closed = demo_case("demo-afgesloten")
    if closed is not None and not closed.retention_extensions.exists():
        retention_extend(
            actor=coordinator,
            case=closed,
            days=365,
            reason="Civiele procedure over de omgangsregeling loopt nog (demo).",
        )
    # A restriction (AVG art. 18) on the closed case: its person cannot be changed or exported.
    if (
        closed is not None
        and not DataSubjectRequest.objects.filter(kind=RequestKind.RESTRICTION).exists()
    ):
        person = closed.persons.order_by("pk").first()
        if person is not None:
            request = request_register(
                actor=log_manager,
                kind=RequestKind.RESTRICTION,
                persons=[person],
                received_on=today - datetime.timedelta(days=1),
                description="Betrokkene betwist de juistheid van het adres (demo).",
            )
            restriction_grant(
                actor=log_manager,
                request=request,
                person=person,
                reason="Juistheid van het adres wordt nagegaan (demo).",
            )
    # Every other person not yet informed gets the coordinator's deadline.
    informing_deadlines_sync(now=timezone.now())
