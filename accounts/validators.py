# SPDX-License-Identifier: EUPL-1.2
"""Password validators whose refusal reads in Dutch.

Django 5.2's MinimumLengthValidator formats its message with "%d", while its Dutch
translation still has the msgid with "%(min_length)d": the lookup misses and the user read
"This password is too short" in English on the reset page (issue 13). The message here is
the project's own, Dutch in the source like every UI string.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d teken lang zijn.",
            "Dit wachtwoord is te kort: het moet minstens %(min_length)d tekens lang zijn.",
            self.min_length,
        ) % {"min_length": self.min_length}
