# SPDX-License-Identifier: EUPL-1.2
"""Forms validate shape; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from accounts.roles import case_workers
from config.forms import Form, PersonChoiceField
from safetyplan.models import AgreementPart, AgreementStatus

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-2026.")}


def _text(label, *, required=True, rows=3, message=None, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        max_length=5000,
        help_text=help_text,
        error_messages={"required": message} if message else {},
    )


class LockedForm(Form):
    """Carries the lock_version the user started from (optimistic locking). Not required
    here on purpose: a POST without it reaches the service, which refuses it like a stale
    save and shows both texts, so nothing typed is lost."""

    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class RiskItemContentForm(LockedForm):
    title = forms.CharField(
        label=_("Korte titel"),
        max_length=200,
        error_messages={"required": _("Geef de situatie een korte titel.")},
    )
    facts_who = _text(_("Wie (pleger)"), rows=2, message=_("Beschrijf wie het geweld pleegt."))
    facts_what = _text(_("Wat is er gebeurd"), message=_("Beschrijf wat er is gebeurd."))
    facts_to_whom = _text(
        _("Bij wie (slachtoffer, kinderen)"), rows=2, message=_("Beschrijf bij wie het gebeurde.")
    )
    facts_when = forms.CharField(
        label=_("Wanneer"),
        max_length=300,
        error_messages={"required": _("Beschrijf wanneer het gebeurde.")},
    )
    facts_impact = _text(_("Impact"), rows=2, message=_("Beschrijf de impact."))
    danger_statement = _text(_("Gevaarsstelling"), message=_("Schrijf een gevaarsstelling."))
    safety_goal = _text(_("Veiligheidsdoel"), message=_("Schrijf een veiligheidsdoel."))
    consequences = _text(
        _("Wat volgt als afspraken (niet) worden nagekomen"), required=False, rows=2
    )
    supervision = _text(_("Toezicht"), required=False, rows=2)
    next_evaluation = forms.DateField(
        label=_("Volgend evaluatiemoment"),
        required=False,
        widget=DATE_WIDGET,
        error_messages=DATE_ERRORS,
    )


class RiskItemForm(RiskItemContentForm):
    rank = forms.IntegerField(
        label=_("Rangorde in de Top-3"),
        min_value=1,
        max_value=3,
        help_text=_("1 is de ernstigste situatie."),
        error_messages={
            "required": _("Kies een rangorde van 1 tot en met 3."),
            "min_value": _("Kies een rangorde van 1 tot en met 3."),
            "max_value": _("Kies een rangorde van 1 tot en met 3."),
            "invalid": _("Kies een rangorde van 1 tot en met 3."),
        },
    )
    field_order = ["rank"]


class RiskItemReplaceForm(RiskItemContentForm):
    replacement_reason = _text(
        _("Waarom is de nieuwe situatie ernstiger?"),
        rows=2,
        message=_("Leg uit waarom de nieuwe situatie ernstiger is."),
    )
    field_order = ["replacement_reason"]


class RerankForm(Form):
    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"rank_{item.pk}"] = forms.IntegerField(
                label=item.title,
                min_value=1,
                max_value=3,
                initial=item.rank,
                error_messages={
                    "required": _("Kies een rangorde van 1 tot en met 3."),
                    "min_value": _("Kies een rangorde van 1 tot en met 3."),
                    "max_value": _("Kies een rangorde van 1 tot en met 3."),
                },
            )

    def ranks(self) -> dict[int, int]:
        return self.ranks_of(self.cleaned_data)

    @staticmethod
    def ranks_of(cleaned_data: dict) -> dict[int, int]:
        """{risk item id: rank} from the cleaned fields rank_<id>."""
        return {
            int(name.removeprefix("rank_")): rank
            for name, rank in cleaned_data.items()
            if name.startswith("rank_")
        }


class ConditionForm(LockedForm):
    text = _text(
        _("Veiligheidsvoorwaarde"),
        rows=2,
        message=_("Beschrijf wat minimaal op orde moet zijn."),
        help_text=_("Wat moet minimaal op orde zijn (het WAT)?"),
    )
    is_met = forms.BooleanField(label=_("Vervuld"), required=False)


class AgreementForm(LockedForm):
    part = forms.ChoiceField(label=_("Deel van het plan"), choices=AgreementPart.choices)
    description = _text(
        _("Afspraak"),
        rows=2,
        message=_("Beschrijf wie wat gaat doen."),
        help_text=_("Wie doet wat (het HOE)?"),
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"),
        queryset=Organisation.objects.none(),
        error_messages={"required": _("Kies de organisatie die de afspraak uitvoert.")},
    )
    owner_user = PersonChoiceField(
        label=_("Eigenaar (persoon)"),
        help_text=_("Iemand van de gekozen organisatie; de lijst is per organisatie ingedeeld."),
        queryset=User.objects.none(),
        required=False,
    )
    due_date = forms.DateField(
        label=_("Uiterste datum"),
        widget=DATE_WIDGET,
        error_messages={**DATE_ERRORS, "required": _("Vul een uiterste datum in.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        org_ids = case.memberships.active().organisations().values("organisation_id")
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(pk__in=org_ids)
        self.fields["owner_user"].queryset = case_workers(org_ids)


class AgreementStatusForm(LockedForm):
    status = forms.ChoiceField(
        label=_("Status"), choices=AgreementStatus.choices, widget=forms.RadioSelect
    )
    notes = _text(_("Toelichting"), required=False, rows=2)


class ScaleScoreForm(Form):
    score = forms.IntegerField(
        label=_("Score op de veiligheidsschaal (0-10)"),
        min_value=0,
        max_value=10,
        help_text=_("0: het is zeker dat het geweld doorgaat; 10: het is veilig genoeg."),
        error_messages={
            "required": _("Vul een score van 0 tot en met 10 in."),
            "min_value": _("Een score op de veiligheidsschaal loopt van 0 tot 10."),
            "max_value": _("Een score op de veiligheidsschaal loopt van 0 tot 10."),
            "invalid": _("Vul een score van 0 tot en met 10 in."),
        },
    )
    note = forms.CharField(label=_("Toelichting"), max_length=500, required=False)


class RecoveryPlanForm(LockedForm):
    goals = _text(_("Hersteldoelen"), message=_("Beschrijf de hersteldoelen."))
    support = _text(_("Hulp en ondersteuning"), required=False)


class SummaryForm(LockedForm):
    care_plan_summary = _text(
        _("Risicogestuurd zorgplan: samenvatting"),
        required=False,
        rows=4,
        help_text=_("Welke zorg pakt de onderliggende oorzaken aan (stabiele veiligheid)?"),
    )
