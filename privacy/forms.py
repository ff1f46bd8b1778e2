# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import Form, ModelMultipleChoiceField
from privacy.models import MAX_EXTENSION_DAYS, InformingMethod, RequestKind

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class InformingForm(Form):
    informed_on = forms.DateField(label=_("Geïnformeerd op"), required=False, widget=DATE)
    method = forms.ChoiceField(
        label=_("Hoe"), choices=[("", "---------"), *InformingMethod.choices], required=False
    )
    postponed_reason = forms.CharField(
        label=_("Of: reden van uitstel"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    postponed_until = forms.DateField(label=_("Uitgesteld tot"), required=False, widget=DATE)


class PersonSearchForm(Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=100)
    date_of_birth = forms.DateField(label=_("Geboortedatum"), widget=DATE)


class RequestRegisterForm(Form):
    kind = forms.ChoiceField(label=_("Soort verzoek"), choices=RequestKind.choices)
    received_on = forms.DateField(label=_("Ontvangen op"), widget=DATE)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    persons = ModelMultipleChoiceField(
        label=_("Gevonden betrokkenen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, persons_qs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["persons"].queryset = persons_qs
        self.fields["persons"].label_from_instance = _found_label


def _found_label(person) -> str:
    if person.date_of_birth is None:
        return _("%(person)s (%(ref)s) — geboortedatum niet bekend: eerst nagaan") % {
            "person": person,
            "ref": person.case.reference,
        }
    return f"{person} ({person.case.reference})"


class ReasonForm(Form):
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 2}))


class StepForm(Form):
    description = forms.CharField(
        label=_("Wat is gedaan"), widget=forms.Textarea(attrs={"rows": 2})
    )


class LegalHoldForm(Form):
    reason = forms.CharField(
        label=_("Reden van de bewaarplicht"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden van de bewaarplicht.")},
    )
    until = forms.DateField(label=_("Tot (leeg: tot opheffing)"), required=False, widget=DATE)


class ExtensionForm(Form):
    days = forms.IntegerField(
        label=_("Aantal dagen langer bewaren"),
        min_value=1,
        max_value=MAX_EXTENSION_DAYS,
        error_messages={
            "required": _("De verlenging moet een positief aantal dagen zijn."),
            "invalid": _("Vul een heel aantal dagen in."),
            "min_value": _("De verlenging moet een positief aantal dagen zijn."),
            "max_value": _("Verlengen kan met hoogstens %(limit_value)s dagen tegelijk."),
        },
    )
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Geef de reden van de verlenging.")},
    )


class PurposeForm(Form):
    name = forms.CharField(
        label=_("Doel"),
        max_length=200,
        error_messages={"required": _("Geef het doel een naam.")},
    )
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    is_active = forms.BooleanField(label=_("Actief"), required=False, initial=True)
