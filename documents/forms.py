# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import ConfidentialityField
from config.formats import local_date, local_datetime
from config.forms import Form
from documents.models import DocumentKind


class VersionForm(Form):
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_("PDF, Word, Excel, PowerPoint, OpenDocument of een afbeelding."),
        error_messages={
            "required": _("Kies het bestand dat u wilt toevoegen."),
            "empty": _("Het bestand is leeg."),
            "invalid": _("Kies het bestand dat u wilt toevoegen."),
        },
    )


class DocumentForm(Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        error_messages={"required": _("Geef het document een titel.")},
    )
    kind = forms.ChoiceField(
        label=_("Soort document"),
        choices=[("", _("Kies een soort")), *DocumentKind.choices],
        error_messages={"required": _("Kies het soort document.")},
    )
    document_date = forms.DateField(
        label=_("Datum van het document"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Vul de datum van het document in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-2026."),
        },
    )
    confidentiality = ConfidentialityField(label=_("Wie mag dit document lezen"))
    person = forms.ModelChoiceField(
        label=_("Over betrokkene (optioneel)"), queryset=None, required=False
    )
    incident = forms.ModelChoiceField(
        label=_("Bij incident (optioneel)"), queryset=None, required=False
    )
    huisverbod = forms.ModelChoiceField(
        label=_("Bij huisverbod (optioneel)"), queryset=None, required=False
    )
    file = VersionForm.base_fields["file"]

    def __init__(self, *args, persons, incidents, huisverboden, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = persons
        self.fields["incident"].queryset = incidents
        self.fields["incident"].label_from_instance = lambda i: local_datetime(i.occurred_at)
        self.fields["huisverbod"].queryset = huisverboden
        self.fields["huisverbod"].label_from_instance = lambda h: (
            _("Opgelegd op %(day)s") % {"day": local_date(h.imposed_at)}
        )
        for name in ("person", "incident", "huisverbod"):
            self.fields[name].error_messages["invalid_choice"] = _("Kies een keuze uit de lijst.")
