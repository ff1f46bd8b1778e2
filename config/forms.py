# SPDX-License-Identifier: EUPL-1.2
"""Form rendering after the NL Design System error pattern.

The message sits between label and input; the input points to it with aria-describedby
and carries aria-invalid, so screen readers hear what is wrong where it is wrong.
"""

from datetime import datetime

from django import forms
from django.forms.fields import BaseTemporalField
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.localtime import (
    FIRST,
    SECOND,
    local_time_ambiguous,
    local_time_missing,
    missing_time_message,
    occurrence_choices,
)

# Limits of free text, one per kind, so every form says and checks the same.
SHORT_TEXT = 300  # a title, an agenda point, an action
REASON = 1000  # the reason of a decision, a transition, a refusal, a short registration
LONG_TEXT = 5000  # facts, agreements, notes of a case part
MINUTES = 20000  # notes of a whole conference part

TOO_LONG = _(
    "Deze tekst telt %(show_value)d tekens; er passen er maximaal %(limit_value)d in. "
    "Uw tekst staat er nog: kort hem in en sla opnieuw op."
)
TEXT_WIDGETS = (forms.TextInput, forms.Textarea, forms.EmailInput, forms.URLInput)


def counted(field) -> int | None:
    """The limit a text field shows with a counter, or None."""
    widget = field.widget
    if isinstance(widget, TEXT_WIDGETS) and not isinstance(widget, forms.PasswordInput):
        return getattr(field, "max_length", None)
    return None


class DescribedBoundField(forms.BoundField):
    @property
    def max_length(self) -> int | None:
        return counted(self.field)

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.max_length:
            described_by.append(f"{self.auto_id}_counter")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class PersonChoiceField(forms.ModelChoiceField):
    """A choice of people, grouped by organisation (one <optgroup> each). The queryset is
    ordered by organisation; each label is the person's name."""

    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username

    _fixed_choices = None

    def _get_choices(self):
        if self._fixed_choices is not None:  # given ready-made (no query of its own)
            return self._fixed_choices
        choices = [("", self.empty_label)] if self.empty_label is not None else []
        groups: dict[str, list] = {}
        for person in self.queryset:
            groups.setdefault(str(person.organisation), []).append(
                (self.prepare_value(person), self.label_from_instance(person))
            )
        return choices + list(groups.items())

    def _set_choices(self, value):
        self._fixed_choices = list(value)
        self.widget.choices = self._fixed_choices

    choices = property(_get_choices, _set_choices)


# The largest integer a database column of ids holds (signed 64-bit, PostgreSQL and SQLite).
LARGEST_ID = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's, but an id larger than any database holds is an invalid choice like any other
    unknown id. Django asks the database with it, and SQLite answers with an OverflowError
    (a 500). Every multiple choice of a model in Casusregie uses this field (ruff bans
    Django's own, TID251)."""

    def _check_values(self, value):
        for pk in value or ():
            text = str(pk).strip()
            if text.lstrip("-").isdigit() and abs(int(text)) > LARGEST_ID:
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": text},
                )
        return super()._check_values(value)


# Local time (config/localtime.py): a time the system proposes comes with its occurrence
# already chosen, so it is accepted unchanged.
class LocalDateTimeField(forms.DateTimeField):
    """A date and time on the wall clock of the current time zone, exact or refused. The
    form (NLDSFormMixin) gives it a companion choice `<name>_occurrence` for the hour that
    occurs twice; `occurrence` holds what was chosen there."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    occurrence = ""

    def wall_clock(self, value) -> datetime | None:
        """The entered date and time, naive (or aware when it came aware)."""
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value
        try:
            parsed = parse_datetime(str(value).strip())
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        return parsed or BaseTemporalField.to_python(self, value)

    def to_python(self, value):
        naive = self.wall_clock(value)
        if naive is None or timezone.is_aware(naive):
            return naive
        zone = timezone.get_current_timezone()
        moment = naive.replace(tzinfo=zone, fold=1 if self.occurrence == SECOND else 0)
        if local_time_missing(moment):
            raise forms.ValidationError(missing_time_message(moment), code="missing")
        if local_time_ambiguous(moment) and self.occurrence not in (FIRST, SECOND):
            raise forms.ValidationError(
                gettext(
                    "%(time)s komt die nacht twee keer voor: de klok gaat om 03:00 terug naar "
                    "02:00. Kies hieronder welke keer u bedoelt."
                )
                % {"time": date_format(naive, "DATETIME_FORMAT")},
                code="ambiguous",
            )
        return moment


class NLDSFormMixin:
    bound_field_class = DescribedBoundField
    template_name = "includes/form_div.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "max_length", None):
                field.error_messages.setdefault("max_length", TOO_LONG)
        self._add_occurrence_choices()

    # The hour that occurs twice -------------------------------------------------------

    def _local_time_fields(self) -> list[str]:
        return [n for n, f in self.fields.items() if isinstance(f, LocalDateTimeField)]

    def _add_occurrence_choices(self) -> None:
        names = self._local_time_fields()
        if not names:
            return
        fields = {}
        for name, field in self.fields.items():
            fields[name] = field
            if name in names:
                fields[f"{name}_occurrence"] = forms.ChoiceField(
                    label=gettext("Welke keer bedoelt u?"),
                    choices=[(FIRST, FIRST), (SECOND, SECOND)],
                    required=False,
                    widget=forms.HiddenInput,
                )
        self.fields = fields
        if self.is_bound:
            return
        for name in names:  # a proposal that falls in the double hour: its occurrence chosen
            value = self.get_initial_for_field(self.fields[name], name)
            if isinstance(value, datetime) and timezone.is_aware(value):
                local = timezone.localtime(value)
                if local_time_ambiguous(local):
                    self.initial[f"{name}_occurrence"] = SECOND if local.fold else FIRST
                    self._show_occurrence(name, local)

    def _show_occurrence(self, name: str, moment: datetime) -> None:
        choice = self.fields[f"{name}_occurrence"]
        choice.choices = occurrence_choices(moment)
        choice.widget = forms.RadioSelect(choices=choice.choices)

    def full_clean(self):
        names = self._local_time_fields() if self.is_bound else []
        for name in names:
            self.fields[name].occurrence = self.data.get(self.add_prefix(f"{name}_occurrence"))
        super().full_clean()
        for name in names:
            # The choice is folded into the datetime: views pass cleaned_data on as it is.
            getattr(self, "cleaned_data", {}).pop(f"{name}_occurrence", None)
            try:
                entered = self.fields[name].wall_clock(self.data.get(self.add_prefix(name)))
            except forms.ValidationError:
                continue
            naive = entered is not None and timezone.is_naive(entered)
            if naive and local_time_ambiguous(entered):
                self._show_occurrence(name, entered)


class Form(NLDSFormMixin, forms.Form):
    pass


class ModelForm(NLDSFormMixin, forms.ModelForm):
    pass


def add_service_errors(form: forms.Form, error) -> None:
    """Put a service's ValidationError on the form: on the field it names when the form
    has that field, otherwise above the form. What the user typed stays in the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
