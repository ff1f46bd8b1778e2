# SPDX-License-Identifier: EUPL-1.2
"""Forms of huisverboden and escalations: they validate shape; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from config.forms import REASON, Form
from deadlines.models import EscalationDecision

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_ERRORS = {
    "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 20-03-2026 14:00."),
}


class EscalationDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=EscalationDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies een besluit.")},
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Bij een opdracht: wat moet de eigenaar doen?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        error_messages={"required": _("Geef een toelichting bij het besluit.")},
    )
    new_due_date = forms.DateField(
        label=_("Nieuwe datum (bij nieuwe datum accepteren)"),
        widget=DATE_WIDGET,
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 21-03-2026.")},
    )
    new_owner_organisation = forms.ModelChoiceField(
        label=_("Nieuwe eigenaar (bij andere eigenaar)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    new_owner_user = forms.ModelChoiceField(
        label=_("Nieuwe eigenaar, persoon (optioneel)"),
        queryset=User.objects.none(),
        required=False,
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = (
            case.memberships.active().organisations().values_list("organisation_id", flat=True)
        )
        self.fields["new_owner_organisation"].queryset = Organisation.objects.filter(
            pk__in=organisations
        )
        self.fields["new_owner_user"].queryset = (
            User.objects.filter(organisation_id__in=organisations, is_active=True)
            .exclude(role="")
            .select_related("organisation")
            .order_by("organisation__name", "first_name")
        )
        self.fields["new_owner_user"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.organisation})"
        )
