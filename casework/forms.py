# SPDX-License-Identifier: EUPL-1.2
"""Forms validate shape; the services decide what is allowed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, OrganisationKind, Role, User
from accounts.roles import case_workers
from casework.models import (
    ClosureReason,
    Confidentiality,
    EscalationCriterion,
    LegalBasis,
    Municipality,
    Phase,
    SharingPurpose,
    Track,
)
from casework.models.persons import PersonRole
from config.forms import (
    REASON,
    Form,
    LocalDateTimeField,
    ModelMultipleChoiceField,
    PersonChoiceField,
)


class CaseRegisterForm(Form):
    track = forms.ChoiceField(label=_("Traject"), choices=Track.choices, widget=forms.RadioSelect)
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.filter(is_active=True)
    )
    registering_organisation = forms.ModelChoiceField(
        label=_("Aanmeldende organisatie"),
        help_text=_("De partner onder wiens wettelijke grondslag de gegevens worden verwerkt."),
        queryset=Organisation.objects.filter(is_active=True),
    )
    escalation_criteria = forms.MultipleChoiceField(
        label=_("Criteria voor Code Rood"),
        choices=EscalationCriterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Kies alle criteria die van toepassing zijn."),
    )
    escalation_reason = forms.CharField(
        label=_("Korte reden van aanmelding"),
        help_text=_("Een paar zinnen; de feiten komen in de incidenten en het veiligheidsplan."),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        error_messages={"required": _("Beschrijf kort waarom de casus wordt aangemeld.")},
    )
    coordinator = forms.ModelChoiceField(
        label=_("Procesregisseur"),
        queryset=User.objects.filter(role=Role.COORDINATOR, is_active=True).order_by(
            "first_name", "last_name"
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for one track only: the label says so instead of "niet verplicht".
        self.fields["escalation_criteria"].requirement = _("verplicht bij Code Rood")
        self.fields["coordinator"].label_from_instance = lambda u: u.get_full_name() or u.username


class PersonForm(Form):
    first_name = forms.CharField(label=_("Voornaam"), max_length=100)
    last_name = forms.CharField(label=_("Achternaam"), max_length=100)
    date_of_birth = forms.DateField(
        label=_("Geboortedatum"),
        help_text=_("Alleen als die bekend is."),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 17-05-1990.")},
    )
    roles = forms.MultipleChoiceField(
        label=_("Rol(len) in de casus"),
        choices=PersonRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één rol.")},
    )
    phone = forms.CharField(label=_("Telefoon"), max_length=40, required=False)
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Vul een geldig e-mailadres in.")},
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    confidential_address = forms.CharField(
        label=_("Vertrouwelijk (opvang)adres"),
        max_length=200,
        required=False,
        help_text=_("Alleen zichtbaar voor de vrouwenopvang en de procesregisseur."),
    )
    # "Already known?": the second submission, after the warning was shown.
    known_checked = forms.BooleanField(required=False, widget=forms.HiddenInput)
    confirm_known = forms.BooleanField(
        label=_("Dit is dezelfde persoon: leg de koppeling met de andere casus vast"),
        required=False,
    )


class OrganisationMembershipForm(Form):
    organisations = ModelMultipleChoiceField(
        label=_("Partnerorganisaties"),
        help_text=_("Kies er één of meer; ze worden in één keer toegevoegd."),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één partnerorganisatie.")},
    )
    purpose = forms.ModelChoiceField(
        label=_("Doel van de gegevensdeling"),
        queryset=SharingPurpose.objects.filter(is_active=True),
        error_messages={"required": _("Kies het doel waarvoor deze organisatie gegevens deelt.")},
    )
    legal_basis = forms.ChoiceField(
        label=_("Grondslag"),
        choices=[("", "---------"), *LegalBasis.choices],
        error_messages={"required": _("Kies de grondslag waarop deze organisatie gegevens deelt.")},
    )
    sharing_note = forms.CharField(
        label=_("Toelichting"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom neemt deze organisatie deel en welke gegevens deelt zij?"),
        error_messages={
            "required": _(
                "Licht toe waarom deze organisatie aan de casus deelneemt en wat zij deelt."
            )
        },
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        taking_part = (
            case.memberships.active().organisations().values_list("organisation_id", flat=True)
        )
        self.fields["organisations"].queryset = (
            Organisation.objects.filter(is_active=True).exclude(pk__in=taking_part).order_by("name")
        )


class ProfessionalMembershipForm(Form):
    user = PersonChoiceField(
        label=_("Professional"),
        help_text=_("Alleen mensen van deelnemende organisaties, per organisatie ingedeeld."),
        queryset=User.objects.none(),
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = (
            case.memberships.active().organisations().values_list("organisation_id", flat=True)
        )
        named = case.memberships.active().professionals().values_list("user_id", flat=True)
        self.fields["user"].queryset = case_workers(organisations).exclude(pk__in=named)


WHO_MAY_READ = _("Wie mag dit lezen")
WHO_MAY_READ_INVALID = _("Kies wie dit mag lezen.")


class ConfidentialityField(forms.ChoiceField):
    """Who may read an incident, note, document or perpetrator item. Left empty: the whole
    case team. One definition for every form that records such an item."""

    def __init__(
        self, *, label=WHO_MAY_READ, invalid=WHO_MAY_READ_INVALID, help_text=None, **kwargs
    ):
        super().__init__(
            label=label,
            choices=Confidentiality.choices,
            initial=Confidentiality.TEAM,
            required=False,
            widget=forms.RadioSelect,
            help_text=help_text
            or _(
                "Bij 'alleen een sector' lezen alleen organisaties uit uw eigen sector en de "
                "procesregisseur mee; bij 'alleen de eigen organisatie' alleen uw organisatie."
            ),
            error_messages={"invalid_choice": invalid},
            **kwargs,
        )

    def clean(self, value):
        return super().clean(value) or Confidentiality.TEAM


class IncidentForm(Form):
    occurred_at = LocalDateTimeField(
        label=_("Datum en tijd van het incident"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%d-%m-%Y %H:%M"],
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    description = forms.CharField(
        label=_("Wat is er gebeurd"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Beschrijf wat er is gebeurd.")},
    )
    confidentiality = ConfidentialityField(
        label=_("Wie mag dit incident lezen"), invalid=_("Kies wie dit incident mag lezen.")
    )


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef een reden voor deze overgang.")},
    )


class ClosureRequestForm(Form):
    reason = forms.ChoiceField(
        label=_("Reden van afsluiten"), choices=ClosureReason.choices, widget=forms.RadioSelect
    )
    summary = forms.CharField(
        label=_("Afsluitende samenvatting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Schrijf een afsluitende samenvatting.")},
    )


class ClosureDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("approve", _("Goedkeuren: casus afsluiten")), ("refuse", _("Weigeren"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Geef een reden voor uw besluit.")},
    )
    acknowledged = forms.BooleanField(
        label=_("Ik weet wat er nog openstaat en sluit de casus toch af"),
        required=False,
    )


SORTS = [
    ("-registered_at", _("Nieuwste eerst")),
    ("registered_at", _("Oudste eerst")),
    ("reference", _("Kenmerk")),
    ("phase", _("Fase")),
]


class CaseFilterForm(Form):
    phase = forms.ChoiceField(
        label=_("Fase"), choices=[("", _("Alle fasen")), *Phase.choices], required=False
    )
    track = forms.ChoiceField(
        label=_("Traject"), choices=[("", _("Alle trajecten")), *Track.choices], required=False
    )
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Municipality.objects.all(),
        required=False,
        empty_label=_("Alle gemeenten"),
    )
    mine = forms.BooleanField(label=_("Alleen mijn casussen"), required=False)
    order = forms.ChoiceField(label=_("Sorteren"), choices=SORTS, required=False)


class CoordinationTransferForm(Form):
    """Hand the coordination of a case to a coordinator of another ZVH."""

    to_coordinator = PersonChoiceField(
        label=_("Nieuwe procesregisseur"),
        queryset=User.objects.none(),
        help_text=_("Een procesregisseur van het ZVH dat de regie overneemt."),
        error_messages={
            "required": _("Kies de procesregisseur die de regie overneemt."),
            "invalid_choice": _("Kies een actieve procesregisseur van een ander ZVH."),
        },
    )
    reason = forms.CharField(
        label=_("Reden van de overdracht"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON,
        help_text=_("Bijvoorbeeld: het gezin verhuist naar een opvang in een andere regio."),
        error_messages={"required": _("Beschrijf waarom de regie wordt overgedragen.")},
    )

    def __init__(self, *args, case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_coordinator"].queryset = (
            User.objects.filter(
                role=Role.COORDINATOR,
                is_active=True,
                organisation__kind=OrganisationKind.ZVH,
            )
            .exclude(organisation_id=case.coordinating_organisation_id)
            .select_related("organisation")
            .order_by("organisation__name", "last_name", "first_name", "pk")
        )


class CoordinationDecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("accept", _("Aanvaarden")), ("decline", _("Weigeren"))],
        error_messages={"required": _("Kies aanvaarden of weigeren.")},
    )


class CaseSearchForm(Form):
    q = forms.CharField(
        label=_("Zoeken"),
        max_length=100,
        help_text=_("Kenmerk, naam, geboortedatum (dd-mm-jjjj) of gemeente"),
        error_messages={"required": _("Typ ten minste twee tekens om te zoeken.")},
    )
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def clean_q(self):
        value = self.cleaned_data["q"].strip()
        if len(value) < 2:
            raise forms.ValidationError(_("Typ ten minste twee tekens om te zoeken."))
        return value


class NoteForm(Form):
    text = forms.CharField(
        label=_("Notitie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": _("Schrijf wat u wilt vastleggen.")},
    )
    confidentiality = ConfidentialityField(label=_("Wie mag deze notitie lezen"))
