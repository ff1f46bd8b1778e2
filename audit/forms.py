# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from audit.models import Action
from config.forms import Form


class AuditSearchForm(Form):
    case = forms.CharField(
        label=_("Casus"),
        required=False,
        max_length=20,
        help_text=_("Kenmerk (bijv. ZVH-2026-0001) of casusnummer."),
    )
    person = forms.IntegerField(
        label=_("Betrokkene-nummer"),
        required=False,
        min_value=1,
        help_text=_("Het nummer van de betrokkene, zoals de procesregisseur het doorgeeft."),
        error_messages={"invalid": _("Vul een nummer in.")},
    )
    username = forms.CharField(label=_("Gebruikersnaam"), required=False, max_length=150)
    date_from = forms.DateField(
        label=_("Vanaf"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-2026.")},
    )
    date_to = forms.DateField(
        label=_("Tot en met"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-2026.")},
    )
    action = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle acties")), *Action.choices]
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt vóór de begindatum."))
        return data


class PersonExportForm(Form):
    person = forms.IntegerField(
        label=_("Betrokkene-nummer"),
        min_value=1,
        error_messages={
            "required": _("Vul het nummer van de betrokkene in."),
            "invalid": _("Vul een nummer in."),
        },
    )
    purpose = forms.CharField(
        label=_("Doel van de export"),
        max_length=200,
        help_text=_("Bijvoorbeeld: inzageverzoek van de betrokkene (AVG art. 15)."),
        error_messages={"required": _("Vul in waarom u deze gegevens exporteert.")},
    )

    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"].strip()
        if not purpose:
            raise ValidationError(_("Vul in waarom u deze gegevens exporteert."))
        return purpose
