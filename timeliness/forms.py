# SPDX-License-Identifier: EUPL-1.2
"""The reason for a missed target, and the report's filter: they validate shape only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import Form
from timeliness.models import Target

REASON_ERROR = _("Schrijf op waarom de streeftermijn niet is gehaald.")


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        help_text=_("Wat hield het tegen? Bijvoorbeeld: geen overleg mogelijk in het weekend."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={
            "required": REASON_ERROR,
            "max_length": _("Houd de reden korter dan %(limit_value)d tekens."),
        },
    )


class ReportFilterForm(Form):
    target = forms.ChoiceField(
        label=_("Streeftermijn"),
        choices=[("", _("Alle streeftermijnen")), *Target.choices],
        required=False,
    )
    unexplained = forms.BooleanField(label=_("Alleen zonder reden"), required=False)
