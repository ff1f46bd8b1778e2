# SPDX-License-Identifier: EUPL-1.2
"""The safety plan's events on the case timeline (issue 16): versions adopted, the
partners' acknowledgements and the agreements' status changes, in three queries.

Only the last status change of an agreement is kept (AgreementProgress is not versioned),
so the timeline shows that one."""

from django.utils.translation import gettext as _

from casework.models import Case
from casework.timeline import TimelineEntry
from safetyplan.models import AgreementProgress, PlanAcknowledgement, PlanVersion, VersionStatus


def plan_timeline(case: Case, user=None) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            version.adopted_at,
            "plan",
            _("Veiligheidsplan versie %(number)s vastgesteld") % {"number": version.number},
            "",
            str(version.adopted_by),
        )
        for version in PlanVersion.objects.filter(
            plan__case=case, status=VersionStatus.ADOPTED
        ).select_related("adopted_by")
    ]
    entries += [
        TimelineEntry(
            ack.acknowledged_at,
            "plan",
            _("%(organisation)s nam kennis van versie %(number)s")
            % {"organisation": ack.organisation, "number": ack.version.number},
            "",
            str(ack.acknowledged_by),
        )
        for ack in PlanAcknowledgement.objects.filter(version__plan__case=case).select_related(
            "organisation", "acknowledged_by", "version"
        )
    ]
    entries += [
        TimelineEntry(
            progress.status_changed_at,
            "agreement",
            _("Afspraak: %(status)s") % {"status": progress.get_status_display()},
            progress.notes,
            str(progress.status_changed_by),
        )
        for progress in AgreementProgress.objects.filter(
            plan__case=case, status_changed_at__isnull=False
        ).select_related("status_changed_by")
    ]
    return entries
