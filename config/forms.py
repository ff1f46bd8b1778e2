# SPDX-License-Identifier: EUPL-1.2
"""Form rendering after the NL Design System error pattern.

The message sits between label and input; the input points to it with aria-describedby
and carries aria-invalid, so screen readers hear what is wrong where it is wrong.
"""

from django import forms


class DescribedBoundField(forms.BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        described_by = []
        if self.help_text:
            described_by.append(f"{self.auto_id}_helptext")
        if self.errors:
            described_by.append(f"{self.auto_id}_error")
            attrs["aria-invalid"] = "true"
        if described_by:
            attrs["aria-describedby"] = " ".join(described_by)
        return attrs


class NLDSFormMixin:
    bound_field_class = DescribedBoundField
    template_name = "includes/form_div.html"


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
