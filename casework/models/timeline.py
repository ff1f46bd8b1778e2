# SPDX-License-Identifier: EUPL-1.2
"""The case timeline as a table (issue 16): one indexed query per page.

The rows are derived from the tables they tell about (casework.timeline): every write to
one of those tables marks the case's timeline stale, and the next read rebuilds it from
its sources before it reads. So anonymisation, a changed confidentiality level or an
edited description never leave an old copy behind here.
"""

from django.db import models
from django.utils.translation import gettext

from casework.models.incidents import Confidentiality


def render_title(message: str, params: dict) -> str:
    """The message in the reader's language, its values translated where they are labels
    (a status, a kind; names and titles have no translation and stay as they are)."""
    text = gettext(message) if message else ""
    if not params:
        return text
    values = {k: (gettext(v) if v else v) for k, v in params.items()}
    try:
        return text % values
    except (KeyError, ValueError, TypeError):
        return text


class TimelineEvent(models.Model):
    case = models.ForeignKey(
        "casework.Case", on_delete=models.CASCADE, related_name="timeline_events"
    )
    at = models.DateTimeField()
    kind = models.CharField(max_length=30)
    # The Dutch message id and its values: the title is translated when it is shown, so
    # the English interface reads its own language (values that are labels too).
    message = models.CharField(max_length=300)
    params = models.JSONField(default=dict, blank=True)
    detail = models.TextField(blank=True)
    actor = models.CharField(max_length=300, blank=True)
    # Who may read it, as incidents, notes and documents (casework.selectors.confidentiality_q).
    confidentiality = models.CharField(
        max_length=20, choices=Confidentiality.choices, default=Confidentiality.TEAM
    )
    sector = models.CharField(max_length=20, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["case", "-at", "-id"], name="casework_timeline_case_at"),
            models.Index(fields=["case", "kind", "-at", "-id"], name="casework_timeline_case_kind"),
        ]

    @property
    def title(self) -> str:
        return render_title(self.message, self.params)


class TimelineState(models.Model):
    """How current a case's timeline rows are: `seq` goes up with every write to a table
    the timeline tells about, `built_seq` is the `seq` the rows were built at."""

    case = models.OneToOneField(
        "casework.Case", on_delete=models.CASCADE, primary_key=True, related_name="timeline_state"
    )
    seq = models.PositiveBigIntegerField(default=1)
    built_seq = models.PositiveBigIntegerField(default=0)

    @property
    def is_current(self) -> bool:
        return self.built_seq >= self.seq
