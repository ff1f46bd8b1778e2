# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation, User
from casework.models.cases import ACTIVE_PHASES, Phase
from casework.services.phases import transition_choices
from conferences import risks as risks_module
from conferences.models import Attendance, ConferenceKind, Decision
from conferences.selectors import CaseOwners, case_owners
from config.forms import (
    LONG_TEXT,
    MINUTES,
    REASON,
    Form,
    LocalDateTimeField,
    ModelMultipleChoiceField,
    PersonChoiceField,
)

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class RescheduleForm(Form):
    starts_at = LocalDateTimeField(
        label=_("Datum en tijd"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={
            "required": _("Vul de datum en tijd van het overleg in."),
            "invalid": _("Vul een geldige datum en tijd in."),
        },
    )
    location = forms.CharField(
        label=_("Locatie"), max_length=200, error_messages={"required": _("Vul een locatie in.")}
    )
    duration_minutes = forms.IntegerField(
        label=_("duur (minuten)"),
        min_value=15,
        max_value=480,
        error_messages={
            "required": _("Vul de duur in hele minuten in."),
            "invalid": _("Vul de duur in hele minuten in."),
            "min_value": _("Een overleg duurt ten minste 15 minuten."),
            "max_value": _("Een overleg duurt ten hoogste 8 uur."),
        },
    )


class ScheduleForm(Form):
    kind = forms.ChoiceField(
        label=_("Soort overleg"), choices=ConferenceKind.choices, widget=forms.RadioSelect
    )
    starts_at = LocalDateTimeField(
        label=_("Datum en tijd"),
        widget=DATETIME_WIDGET,
        input_formats=["%Y-%m-%dT%H:%M"],
        error_messages={"invalid": _("Vul een geldige datum en tijd in.")},
    )
    location = forms.CharField(label=_("Locatie"), max_length=200)
    cases = ModelMultipleChoiceField(
        label=_("Casussen"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één casus.")},
    )
    organisations = ModelMultipleChoiceField(
        label=_("Uitgenodigde organisaties"),
        queryset=Organisation.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Nodig ten minste één organisatie uit.")},
    )

    def __init__(self, *args, cases, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases.filter(phase__in=[Phase.REGISTERED, *ACTIVE_PHASES])
        self.fields["cases"].label_from_instance = lambda c: (
            f"{c.reference} ({c.get_phase_display()}, {c.municipality})"
        )


class AttendanceForm(Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=Organisation.objects.none()
    )
    status = forms.ChoiceField(label=_("Aanwezigheid"), choices=Attendance.Status.choices)

    def __init__(self, *args, conference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = conference.invited_organisations.all()


class NotesForm(Form):
    notes = forms.CharField(
        label=_("Aantekeningen"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=MINUTES,
    )


class AgendaPointForm(Form):
    text = forms.CharField(label=_("Nieuw agendapunt"), max_length=300)


class DecisionForm(Form):
    text = forms.CharField(
        label=_("Besluit"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=LONG_TEXT,
        error_messages={"required": _("Beschrijf het besluit.")},
    )
    proposal = forms.ChoiceField(
        label=_("Stelt voor"), choices=Decision.Proposal.choices, initial="none"
    )
    proposed_transition = forms.ChoiceField(
        label=_("Voorgestelde faseovergang"),
        choices=lambda: [("", "—"), *transition_choices()],
        required=False,
    )


class ActionForm(Form):
    description = forms.CharField(
        label=_("Actie"), max_length=300, error_messages={"required": _("Beschrijf de actie.")}
    )
    owner_organisation = forms.ModelChoiceField(
        label=_("Eigenaar (organisatie)"),
        queryset=Organisation.objects.none(),
        required=False,
    )
    owner_user = PersonChoiceField(
        label=_("Eigenaar (persoon)"),
        help_text=_("Iemand van de gekozen organisatie; de lijst is per organisatie ingedeeld."),
        queryset=User.objects.none(),
        required=False,
    )
    due_date = forms.DateField(
        label=_("Uiterste datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        required=False,
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )

    risks = forms.TypedMultipleChoiceField(
        label=_("Werkt aan (Top-3 onveilige situaties)"),
        help_text=_(
            "Kies de onveilige situatie(s) uit het veiligheidsplan waar deze actie aan werkt; "
            "werkt ze aan geen ervan, vul dan hieronder de reden in."
        ),
        choices=[],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": risks_module.NOT_IN_TOP3},
    )
    no_risk_reason = forms.CharField(
        label=_("Geen risico-item, omdat"),
        help_text=_("Alleen als de actie aan geen van de onveilige situaties uit de Top-3 werkt."),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=REASON,
        required=False,
    )

    def __init__(
        self,
        *args,
        case,
        owners: CaseOwners | None = None,
        risk_choices: list[tuple[int, str]] | None = None,
        **kwargs,
    ):
        """`owners` (from case_owners, loaded once for all cases of a conference) gives
        the choices without a query per form; the people are those named on the case.
        `risk_choices` (from conferences.risks.risk_choices, likewise once per page) are
        the case's current Top-3."""
        super().__init__(*args, **kwargs)
        if risk_choices is None:
            risk_choices = risks_module.risk_choices([case])[case.pk]
        if risk_choices:
            self.fields["risks"].choices = risk_choices
        else:
            # No Top-3 yet: only the reason is possible, and the form says so.
            del self.fields["risks"]
            self.fields["no_risk_reason"].help_text = _(
                "Deze casus heeft nog geen Top-3 van onveilige situaties in het "
                "veiligheidsplan: leg uit waarom de actie aan geen risico-item werkt."
            )
        owners = owners or case_owners([case])[case.pk]
        self.fields["owner_organisation"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in owners.organisations]
        )
        self.fields["owner_organisation"].choices = [("", "---------")] + [
            (o.pk, str(o)) for o in owners.organisations
        ]
        # Grouped by organisation like every list of people, without a query per form: the
        # choices are set before the queryset (which validates a submitted choice).
        groups: dict[str, list] = {}
        for person in owners.people:
            groups.setdefault(str(person.organisation), []).append(
                (person.pk, person.get_full_name() or person.username)
            )
        self.fields["owner_user"].choices = [("", "---------"), *groups.items()]
        self.fields["owner_user"].queryset = User.objects.filter(
            pk__in=[u.pk for u in owners.people], is_active=True
        ).exclude(role="")
