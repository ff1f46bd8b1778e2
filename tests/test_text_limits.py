# SPDX-License-Identifier: EUPL-1.2
"""Text is never cut silently: every limited field says its limit (maxlength and a counter
screen readers hear), the server refuses longer input in Dutch and keeps what was typed."""

import importlib
import inspect

import pytest
from django import forms
from django.template.loader import render_to_string
from django.urls import reverse

from casework.forms import CaseRegisterForm
from config.forms import REASON, counted
from tests.factories import UserFactory
from tests.factories.cases import CaseFactory

FORM_MODULES = [
    "accounts.forms",
    "audit.forms",
    "casework.forms",
    "deadlines.forms",
    "huisverbod.forms",
    "conferences.forms",
    "safetyplan.forms",
]


def project_forms():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                yield cls


def test_every_free_text_field_of_every_form_has_an_explicit_limit():
    unlimited = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls in project_forms()
        for name, field in cls.base_fields.items()
        if isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.PasswordInput | forms.HiddenInput)
        and not field.max_length
        and cls.__name__ != "LoginForm"  # the username's limit comes from the user model
    ]
    assert not unlimited, unlimited


def test_korte_reden_van_aanmelding_has_a_short_limit():
    assert CaseRegisterForm.base_fields["escalation_reason"].max_length == REASON <= 1000


@pytest.mark.django_db
def test_the_registration_page_renders_maxlength_and_a_live_counter(client):
    client.force_login(UserFactory(coordinator=True))
    html = client.get(reverse("casework:case_register")).content.decode()
    assert 'maxlength="1000"' in html
    assert 'id="id_escalation_reason_counter" aria-live="polite"' in html
    assert "Maximaal 1000 tekens." in html
    assert 'aria-describedby="id_escalation_reason_helptext id_escalation_reason_counter"' in html
    # Code Rood criteria: the label no longer says "niet verplicht" next to "Verplicht bij".
    assert "(verplicht bij Code Rood)" in html
    assert "Verplicht bij Code Rood:" not in html


def test_every_counted_field_renders_maxlength_and_its_counter():
    missing = []
    for cls in project_forms():
        form = cls.__new__(cls)
        forms.BaseForm.__init__(form)  # the fields as declared, without a case to fill lists
        for name, field in form.fields.items():
            limit = counted(field)
            if not limit:
                continue
            html = render_to_string("includes/field.html", {"field": form[name]})
            if f'maxlength="{limit}"' not in html or (
                f'id="{form[name].auto_id}_counter" aria-live="polite"' not in html
            ):
                missing.append(f"{cls.__name__}.{name}")
    assert not missing, missing


@pytest.mark.django_db
def test_a_too_long_incident_is_refused_in_dutch_and_the_text_stays(client):
    case = CaseFactory()
    client.force_login(case.coordinator)
    text = ("Lange melding. " * 2000).strip() + "!"  # 30,000 characters
    response = client.post(
        reverse("casework:incident_create", args=[case.pk]),
        {"occurred_at": "2026-03-10T05:32", "description": text, "confidentiality": "team"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Deze tekst telt 30000 tekens; er passen er maximaal 5000 in." in html
    assert text in html
    assert not case.incidents.exists()


@pytest.mark.django_db
def test_a_150_character_first_name_is_refused_and_kept(client):
    case = CaseFactory()
    client.force_login(case.coordinator)
    name = "Ä" * 150
    response = client.post(
        reverse("casework:person_create", args=[case.pk]),
        {
            "first_name": name,
            "last_name": "Jansen",
            "date_of_birth": "1990-05-17",
            "roles": ["victim"],
        },
    )
    html = response.content.decode()
    assert "Deze tekst telt 150 tekens; er passen er maximaal 100 in." in html
    assert f'value="{name}"' in html
