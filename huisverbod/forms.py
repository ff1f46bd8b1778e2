# SPDX-License-Identifier: EUPL-1.2
"""Forms of huisverboden and escalations: they validate shape; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.formats import local_datetime
from config.forms import LONG_TEXT, REASON, Form, LocalDateTimeField, ModelMultipleChoiceField
from huisverbod.models import ImposingAuthority, ToetsingOutcome

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_ERRORS = {
    "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 20-03-2026 14:00."),
}


class ToetsingForm(Form):
    assessed_at = LocalDateTimeField(
        label=_("Datum en tijd van de toetsing"),
        widget=DATETIME_WIDGET,
        error_messages={**DATETIME_ERRORS, "required": _("Vul in wanneer de toetsing was.")},
    )
    participants = forms.CharField(
        label=_("Deelnemers"),
        help_text=_("Bijvoorbeeld: hulpofficier van justitie en medewerker Veilig Thuis."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=1000,
        error_messages={"required": _("Noem wie aan de toetsing deelnamen.")},
    )
    veilig_thuis_took_part = forms.BooleanField(label=_("Veilig Thuis nam deel"), required=False)
    outcome = forms.ChoiceField(
        label=_("Uitkomst (RiHG)"),
        choices=ToetsingOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de uitkomst van de toetsing.")},
    )
    notes = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
    )


class HuisverbodForm(Form):
    person = forms.ModelChoiceField(
        label=_("Opgelegd aan"),
        queryset=None,
        error_messages={
            "required": _("Kies de persoon aan wie het huisverbod is opgelegd."),
            "invalid_choice": _("Deze persoon hoort niet bij deze casus."),
        },
    )
    imposed_at = LocalDateTimeField(
        label=_("Opgelegd op (datum en tijd)"),
        widget=DATETIME_WIDGET,
        error_messages={**DATETIME_ERRORS, "required": _("Vul in wanneer het is opgelegd.")},
    )
    imposed_by = forms.ChoiceField(
        label=_("Opgelegd door"),
        choices=ImposingAuthority.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie het huisverbod oplegde.")},
    )
    toetsing = forms.ModelChoiceField(label=_("Toetsing"), queryset=None, required=False)
    adult_confirmed = forms.BooleanField(
        label=_("De geboortedatum is onbekend; ik bevestig dat de persoon 18 jaar of ouder is"),
        required=False,
    )
    child_abuse = forms.BooleanField(label=_("Reden is (mede) kindermishandeling"), required=False)
    veilig_thuis_consulted = forms.BooleanField(
        label=_("Veilig Thuis is geraadpleegd"), required=False
    )
    contact_ban_persons = ModelMultipleChoiceField(
        label=_("Contactverbod voor"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    reachable_address = forms.CharField(
        label=_("Adres waar de persoon bereikbaar is"),
        help_text=_("Uiterlijk 24 uur na het opleggen bekend."),
        max_length=200,
        required=False,
    )
    decision_written_on = forms.DateField(
        label=_("Datum schriftelijke beschikking"),
        widget=DATE_WIDGET,
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 21-03-2026.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        persons = case.persons.all()
        self.fields["person"].queryset = persons
        self.fields["contact_ban_persons"].queryset = persons
        self.fields["toetsing"].queryset = case.toetsingen.filter(
            outcome=ToetsingOutcome.HUISVERBOD, huisverbod__isnull=True
        )
        self.fields["person"].label_from_instance = lambda p: (
            f"{p} ({', '.join(str(label) for label in p.role_labels)})"
        )
        # Local wall-clock time, as entered (never the stored UTC).
        self.fields["toetsing"].label_from_instance = lambda t: local_datetime(t.assessed_at)


class HuisverbodExtendForm(Form):
    new_end = LocalDateTimeField(
        label=_("Nieuwe einddatum en -tijd"),
        help_text=_("Uiterlijk 28 dagen na het opleggen, op hetzelfde tijdstip."),
        widget=DATETIME_WIDGET,
        error_messages={**DATETIME_ERRORS, "required": _("Vul de nieuwe einddatum in.")},
    )
    reason = forms.CharField(
        label=_("Reden van de verlenging"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        error_messages={"required": _("Geef de reden van de verlenging.")},
    )


class HuisverbodWithdrawForm(Form):
    reason = forms.CharField(
        label=_("Reden van de intrekking"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        error_messages={"required": _("Geef de reden van de intrekking.")},
    )
