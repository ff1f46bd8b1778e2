# SPDX-License-Identifier: EUPL-1.2
"""Every choice is shown by a label in words (Dutch, and English in English), never by the
identifier stored behind it."""

import re

import pytest
from django import forms
from django.apps import apps
from django.utils import translation

from tests.test_text_limits import project_forms

IDENTIFIER = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
OURS = {"accounts", "audit", "casework", "conferences", "safetyplan"}


def _flat(choices):
    for value, label in choices:
        if isinstance(label, list | tuple):
            yield from _flat(label)
        else:
            yield value, str(label)


def raw_labels():
    found = []
    for cls in project_forms():
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.ChoiceField) and not isinstance(
                field, forms.ModelChoiceField
            ):
                for value, label in _flat(field.choices):
                    if value and IDENTIFIER.match(label):
                        found.append(f"{cls.__name__}.{name}: {label}")
    for model in apps.get_models():
        if model._meta.app_label not in OURS:
            continue
        for field in model._meta.get_fields():
            for value, label in _flat(getattr(field, "choices", None) or []):
                if value and IDENTIFIER.match(label):
                    found.append(f"{model.__name__}.{field.name}: {label}")
    return found


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_choice_is_labelled_with_its_identifier(language):
    with translation.override(language):
        assert raw_labels() == []
