# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from config.forms import Form, NLDSFormMixin


class LoginForm(NLDSFormMixin, AuthenticationForm):
    pass


class TokenForm(Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        error_messages={"required": _("Vul de code uit uw authenticator-app in.")},
    )


class EnrolForm(Form):
    token = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("De zescijferige code die de app nu toont."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": _("Vul de zescijferige code uit de app in.")},
    )
