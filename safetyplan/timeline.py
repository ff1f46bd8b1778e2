# SPDX-License-Identifier: EUPL-1.2
"""The safety plan's events on the case timeline (issue 16): versions adopted, the
partners' acknowledgements and the agreements' status changes, in three queries.

Only the last status change of an agreement is kept (AgreementProgress is not versioned),
so the timeline shows that one."""

from django.utils.translation import gettext_noop

from casework.models import Case
from casework.timeline import TimelineEntry
from safetyplan.models import AgreementProgress, PlanAcknowledgement, PlanVersion, VersionStatus


def plan_timeline(case: Case) -> list[TimelineEntry]:
    entries = [
        TimelineEntry(
            version.adopted_at,
            "plan",
            gettext_noop("Veiligheidsplan versie %(number)s vastgesteld"),
            "",
            str(version.adopted_by),
            params={"number": version.number},
        )
        for version in PlanVersion.objects.filter(
            plan__case=case, status=VersionStatus.ADOPTED
        ).select_related("adopted_by")
    ]
    entries += [
        TimelineEntry(
            ack.acknowledged_at,
            "plan",
            gettext_noop("%(organisation)s nam kennis van versie %(number)s"),
            "",
            str(ack.acknowledged_by),
            params={"organisation": str(ack.organisation), "number": ack.version.number},
        )
        for ack in PlanAcknowledgement.objects.filter(version__plan__case=case).select_related(
            "organisation", "acknowledged_by", "version"
        )
    ]
    entries += [
        TimelineEntry(
            progress.status_changed_at,
            "agreement",
            gettext_noop("Afspraak: %(status)s"),
            progress.notes,
            str(progress.status_changed_by),
            params={"status": str(progress.get_status_display())},
        )
        for progress in AgreementProgress.objects.filter(
            plan__case=case, status_changed_at__isnull=False
        ).select_related("status_changed_by")
    ]
    return entries
