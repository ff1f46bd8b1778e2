# SPDX-License-Identifier: EUPL-1.2
"""Forms of the perpetrator's track: they validate shape; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.forms import ConfidentialityField
from config.forms import LONG_TEXT, Form, LocalDateTimeField
from perpetrator.models import ConditionKind, ImposedBy

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d-%m-%Y"]
DATE_INVALID = _("Vul een geldige datum in, bijvoorbeeld 21-03-2026.")


def _date(label, *, required=True, missing="", help_text=""):
    messages = {"invalid": DATE_INVALID}
    if missing:
        messages["required"] = missing
    return forms.DateField(
        label=label,
        required=required,
        widget=DATE_WIDGET,
        input_formats=DATE_FORMATS,
        help_text=help_text,
        error_messages=messages,
    )


class _PerpetratorForm(Form):
    person = forms.ModelChoiceField(
        label=_("Pleger"),
        queryset=None,
        error_messages={
            "required": _("Kies de pleger."),
            "invalid_choice": _("Kies een persoon met de rol pleger in deze casus."),
        },
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        perpetrators = case.persons.filter(is_perpetrator=True)
        self.fields["person"].queryset = perpetrators
        if len(perpetrators) == 1 and not self.is_bound:
            self.fields["person"].initial = perpetrators[0].pk


class ConditionForm(_PerpetratorForm):
    kind = forms.ChoiceField(
        label=_("Soort voorwaarde"),
        choices=ConditionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort voorwaarde.")},
    )
    imposed_by = forms.ChoiceField(
        label=_("Opgelegd door"),
        choices=ImposedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wie de voorwaarde oplegde.")},
    )
    starts_on = _date(_("Ingangsdatum"), missing=_("Vul in vanaf wanneer de voorwaarde geldt."))
    ends_on = _date(
        _("Einddatum"), required=False, help_text=_("Leeg laten als de einddatum onbekend is.")
    )
    details = forms.CharField(
        label=_("Toelichting"),
        help_text=_("Bijvoorbeeld het gebied of de persoon waarop het verbod ziet."),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
    )
    confidentiality = ConfidentialityField()


class CustodyForm(_PerpetratorForm):
    custody_on = _date(
        _("In hechtenis sinds"), missing=_("Vul in sinds wanneer de pleger in hechtenis is.")
    )
    release_on = _date(
        _("Verwachte datum van vrijlating"),
        required=False,
        help_text=_("Leeg laten als die nog niet bekend is; u kunt hem later aanvullen."),
    )
    details = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
    )
    confidentiality = ConfidentialityField()


class ReleaseForm(Form):
    release_on = _date(
        _("Verwachte datum van vrijlating"),
        required=False,
        help_text=_("Leeg laten als de datum niet meer bekend is."),
    )


class BreachForm(Form):
    condition = forms.ModelChoiceField(
        label=_("Overtreden voorwaarde"),
        queryset=None,
        error_messages={
            "required": _("Kies de voorwaarde die is overtreden."),
            "invalid_choice": _("Kies een voorwaarde van deze casus."),
        },
    )
    occurred_at = LocalDateTimeField(
        label=_("Datum en tijd van de overtreding"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        error_messages={
            "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 20-03-2026 14:00."),
            "required": _("Vul in wanneer de overtreding plaatsvond."),
        },
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=LONG_TEXT,
        error_messages={"required": _("Beschrijf wat er is gebeurd.")},
    )
    reported_by = forms.CharField(
        label=_("Gemeld door"),
        help_text=_("Uw organisatie wordt als melder vastgelegd."),
        required=False,
        disabled=True,
    )
    confidentiality = ConfidentialityField()
    relapse = forms.BooleanField(
        label=_("Terugval: de casus gaat terug naar directe veiligheid"),
        required=False,
    )

    def __init__(self, *args, conditions, organisation, offer_relapse: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["condition"].queryset = conditions
        self.fields["condition"].label_from_instance = lambda c: (
            f"{c.get_kind_display()} ({c.get_imposed_by_display()}), {c.person}"
        )
        self.fields["reported_by"].initial = str(organisation or "")
        if not offer_relapse:
            del self.fields["relapse"]
