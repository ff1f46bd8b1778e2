# SPDX-License-Identifier: EUPL-1.2
"""In-app notifications. Messages carry the case reference, never names or addresses."""

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Role, User
from casework.models import Case, ClosureRequest, Notification, PhaseChange


def _case_team(case: Case) -> set[int]:
    ids = set(
        case.memberships.filter(removed_at__isnull=True, user__isnull=False).values_list(
            "user_id", flat=True
        )
    )
    if case.coordinator_id:
        ids.add(case.coordinator_id)
    return ids


def _describe(case: Case, event_key: str) -> tuple[str, str, set[int]]:
    kind, _sep, pk = event_key.partition(":")
    recipients = _case_team(case)
    if kind == "phase-change":
        change = PhaseChange.objects.get(pk=pk, case=case)
        if change.field == "phase":
            label = case.get_phase_display()
            message = _("Casus %(ref)s is naar de fase %(phase)s gegaan.") % {
                "ref": case.reference,
                "phase": label,
            }
        else:
            message = _("Casus %(ref)s valt nu onder %(track)s.") % {
                "ref": case.reference,
                "track": case.get_track_display(),
            }
        return kind, message, recipients
    if kind == "closure-request":
        ClosureRequest.objects.get(pk=pk, case=case)
        managers = User.objects.filter(
            role=Role.MANAGER, organisation_id=case.coordinator.organisation_id, is_active=True
        ).values_list("pk", flat=True)
        message = _("Voor casus %(ref)s is afsluiten aangevraagd; een manager moet beslissen.") % {
            "ref": case.reference
        }
        return kind, message, recipients | set(managers)
    if kind == "closure-decision":
        request = ClosureRequest.objects.get(pk=pk, case=case)
        template = (
            _("Afsluiten van casus %(ref)s is goedgekeurd.")
            if request.status == ClosureRequest.Status.APPROVED
            else _("Afsluiten van casus %(ref)s is geweigerd.")
        )
        return kind, template % {"ref": case.reference}, recipients
    if kind == "plan-adopted":
        from safetyplan.models import PlanVersion

        version = PlanVersion.objects.get(pk=pk, plan__case=case)
        message = _(
            "Versie %(number)s van het veiligheidsplan van casus %(ref)s is vastgesteld; "
            "bevestig dat uw organisatie deze heeft gezien."
        ) % {"number": version.number, "ref": case.reference}
        return kind, message, recipients
    raise ValueError(f"unknown event {kind}")


@transaction.atomic
def notification_case_changed(*, case_id: int, event_key: str) -> int:
    """Create the notifications of one case event; running it twice creates nothing new."""
    case = Case.objects.select_related("coordinator").get(pk=case_id)
    kind, message, recipients = _describe(case, event_key)
    created = Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=uid, case=case, kind=kind, message=message, event_key=event_key
            )
            for uid in sorted(recipients)
        ],
        ignore_conflicts=True,
    )
    return len(created)
