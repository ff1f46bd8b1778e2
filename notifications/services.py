# SPDX-License-Identifier: EUPL-1.2
"""The one way to notify people (in-app), and to mark notifications read.

Every producer (phase changes, plan adoption, minutes, reminders) calls
`notifications_create`; one notification per recipient per event, so a retried task creates
nothing new. Messages carry a case reference, never names or addresses.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role, User
from notifications import registry
from notifications.models import Notification
from notifications.selectors import UNREAD_ANNOTATION


@transaction.atomic
def notifications_create(
    *,
    recipient_ids: Iterable[int],
    kind: str,
    message: str,
    event_key: str,
    case_id: int | None = None,
) -> int:
    """One notification per recipient for this event; running it twice creates nothing new.
    Inactive accounts are not told."""
    active = User.objects.filter(pk__in=set(recipient_ids), is_active=True).values_list(
        "pk", flat=True
    )
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=uid,
                case_id=case_id,
                kind=kind,
                message=message[:300],
                event_key=event_key,
            )
            for uid in sorted(active)
        ],
        ignore_conflicts=True,
    )
    return len(created)


def notification_case_event(*, case_id: int, event_key: str) -> int:
    """Create the notifications of one registered case event (see registry)."""
    kind, described = registry.describe(case_id=case_id, event_key=event_key)
    return notifications_create(
        recipient_ids=described.recipient_ids,
        kind=kind,
        message=described.message,
        event_key=event_key,
        case_id=case_id,
    )


def notification_mark_read(*, user, notification_id: int) -> bool:
    """Mark one of the user's own notifications read. Anyone else's: nothing changes."""
    _forget_unread(user)
    return bool(
        Notification.objects.filter(
            pk=notification_id, recipient=user, read_at__isnull=True
        ).update(read_at=timezone.now())
    )


def _forget_unread(user) -> None:
    """The bell's count read with the user (notifications.selectors) is counted again."""
    user.__dict__.pop(UNREAD_ANNOTATION, None)


def notifications_mark_all_read(*, user) -> int:
    """Mark all of the user's own unread notifications read, nobody else's."""
    _forget_unread(user)
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def log_manager_ids() -> list[int]:
    return list(
        User.objects.filter(role=Role.LOG_MANAGER, is_active=True).values_list("pk", flat=True)
    )


def notify_log_managers_of_incident(*, entry, breaks) -> int:
    """The access log's chain is broken: every log manager is told (audit_chain_check)."""
    return notifications_create(
        recipient_ids=log_manager_ids(),
        kind="audit_incident",
        message=_(
            "De controle van het toegangslog vond een onderbreking van de keten "
            "(logregel %(entry)s). Onderzoek dit als beveiligingsincident."
        )
        % {"entry": breaks[0].entry_id},
        event_key=f"audit_incident:{entry.pk}",
    )


def notify_access_grant(*, request, event: str) -> int:
    """A grant of access was asked, approved or refused (accounts.services, four-eyes):
    the user concerned (for an organisation's kind, its members) and the log managers."""
    concerned = {request.user_id} if request.user_id else set()
    if request.organisation_id:
        concerned |= set(
            User.objects.filter(organisation_id=request.organisation_id).values_list(
                "pk", flat=True
            )
        )
    texts = {
        "requested": _("Er is een wijziging van toegang aangevraagd: %(what)s."),
        "approved": _("Een wijziging van toegang is goedgekeurd: %(what)s."),
        "refused": _("Een wijziging van toegang is afgewezen: %(what)s."),
    }
    return notifications_create(
        recipient_ids=concerned | set(log_manager_ids()),
        kind="access_grant",
        message=texts[event] % {"what": request.get_kind_display()},
        event_key=f"access_grant:{request.pk}:{event}",
    )
