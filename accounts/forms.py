# SPDX-License-Identifier: EUPL-1.2
from django.contrib.auth.forms import AuthenticationForm

from config.forms import NLDSFormMixin


class LoginForm(NLDSFormMixin, AuthenticationForm):
    pass
