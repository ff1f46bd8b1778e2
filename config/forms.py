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
