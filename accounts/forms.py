# SPDX-License-Identifier: EUPL-1.2
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from config.forms import Form, NLDSFormMixin

USERNAME_MAX = 150
PASSWORD_MAX = 1024  # far beyond any passphrase; keeps the slow hasher from being a lever


class LoginForm(NLDSFormMixin, AuthenticationForm):
    """The login form refuses over-long fields itself, before anything (django-axes, the
    password hasher, the access log) sees what was typed."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(
            MaxLengthValidator(
                USERNAME_MAX,
                message=_("Een gebruikersnaam is hoogstens %(limit_value)d tekens lang."),
            )
        )
        self.fields["password"].validators.append(
            MaxLengthValidator(
                PASSWORD_MAX,
                message=_("Een wachtwoord is hoogstens %(limit_value)d tekens lang."),
            )
        )


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
