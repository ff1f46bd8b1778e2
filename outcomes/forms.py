# SPDX-License-Identifier: EUPL-1.2
"""The rating form: it validates shape; the service decides."""

from django import forms
from django.utils.translation import gettext_lazy as _

from config.forms import Form
from outcomes.models import RatingMoment

SCORE_ERROR = _("Vul een cijfer van 0 tot en met 10 in.")


class RatingForm(Form):
    person = forms.ModelChoiceField(
        label=_("Slachtoffer"),
        queryset=None,
        error_messages={
            "required": _("Kies het slachtoffer."),
            "invalid_choice": _("Kies een slachtoffer van deze casus."),
        },
    )
    moment = forms.ChoiceField(
        label=_("Moment"),
        choices=RatingMoment.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies het moment: bij de start of bij afsluiten.")},
    )
    score = forms.IntegerField(
        label=_("Hoe veilig voelt het slachtoffer zich (0–10)"),
        help_text=_(
            "Zoals het slachtoffer het zelf zegt: 0 is helemaal niet veilig, 10 is helemaal veilig."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={
            "required": SCORE_ERROR,
            "invalid": SCORE_ERROR,
            "min_value": SCORE_ERROR,
            "max_value": SCORE_ERROR,
        },
        min_value=0,
        max_value=10,
    )
    rated_on = forms.DateField(
        label=_("Datum waarop het slachtoffer dit vertelde"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d-%m-%Y"],
        error_messages={
            "required": _("Vul in wanneer het slachtoffer dit vertelde."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 21-03-2026."),
        },
    )
    asked_by = forms.CharField(
        label=_("Gevraagd door"),
        help_text=_("Naam en organisatie van wie het slachtoffer de vraag stelde."),
        max_length=200,
        error_messages={"required": _("Vul in wie het slachtoffer de vraag stelde.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        victims = case.persons.filter(is_victim=True)
        self.fields["person"].queryset = victims
        if len(victims) == 1 and not self.is_bound:
            self.fields["person"].initial = victims[0].pk
