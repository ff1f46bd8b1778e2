# SPDX-License-Identifier: EUPL-1.2
"""A refused password says why in Dutch (Django's own Dutch text for "too short" is never
found, issue 13), and in English when the user chose English."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import translation


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("nl", "Dit wachtwoord is te kort: het moet minstens 12 tekens lang zijn."),
        ("en", "This password is too short: it must be at least 12 characters long."),
    ],
)
def test_a_short_password_is_refused_in_the_users_language(language, expected):
    with translation.override(language), pytest.raises(ValidationError) as refused:
        validate_password("Kort-1!")
    assert expected in refused.value.messages
