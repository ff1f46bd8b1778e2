# SPDX-License-Identifier: EUPL-1.2
"""The foundation: settings, login, home, role groups, health and configuration errors."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.models import Role
from config.version import VERSION
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def test_language_time_zone_and_login_required_are_set():
    assert settings.LANGUAGE_CODE == "nl"
    assert settings.TIME_ZONE == "Europe/Amsterdam"
    assert settings.USE_TZ is True
    assert "django.contrib.auth.middleware.LoginRequiredMiddleware" in settings.MIDDLEWARE
    assert dict(settings.LANGUAGES).keys() == {"nl", "en"}


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_the_dutch_login_page(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Inloggen bij Casusregie" in page.content.decode()


@pytest.mark.django_db
def test_wrong_password_gives_dutch_message_and_keeps_the_username(client):
    UserFactory(username="ria", coordinator=True)
    response = client.post(
        reverse("accounts:login"), {"username": "ria", "password": "fout-wachtwoord"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    assert 'value="ria"' in html
    assert "Controleer de volgende punten" in html


@pytest.mark.django_db
def test_home_says_who_you_are_and_for_which_organisation_and_role(client, password):
    user = UserFactory(username="ria", first_name="Ria", last_name="Regisseur", coordinator=True)
    response = client.post(reverse("accounts:login"), {"username": "ria", "password": password})
    assert response.status_code == 302
    html = client.get(reverse("home")).content.decode()
    assert "Welkom, Ria Regisseur" in html
    assert user.organisation.name in html
    assert "Procesregisseur" in html


@pytest.mark.django_db
def test_interface_switches_to_english(client, password):
    UserFactory(username="ria", coordinator=True)
    client.post(reverse("accounts:login"), {"username": "ria", "password": password})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("home")).content.decode()
    assert "Logged in as" in html
    assert "Coordinator" in html


@pytest.mark.django_db
def test_every_role_has_a_group_with_its_model_permissions():
    names = set(Group.objects.values_list("name", flat=True))
    assert {f"role:{role}" for role in Role.values} <= names
    admin = Group.objects.get(name="role:functional_admin")
    assert admin.permissions.filter(codename="add_user").exists()
    assert (
        not Group.objects.get(name="role:log_manager")
        .permissions.filter(content_type__app_label="casework")
        .exists()
    )


@pytest.mark.django_db
def test_healthz_answers_200_when_database_and_broker_answer(client):
    with mock.patch("config.health._broker_ok", return_value=True):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "version": VERSION,
        "database": "ok",
        "broker": "ok",
    }


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_down(client):
    from config.celery import app

    dead_broker = app.connection_for_write("redis://127.0.0.1:1/0")
    with mock.patch("config.health.celery_app.connection_for_write", return_value=dead_broker):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client):
    with (
        mock.patch("config.health._broker_ok", return_value=True),
        mock.patch("config.health.connection.cursor", side_effect=OSError("down")),
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


PG_URL = "postgres://postgres@127.0.0.1:5432/casusregie"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE", "CELERY", "DJANGO_ALLOW_ASYNC"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "sentence"),
    [
        ({"DATABASE_URL": "nonsense"}, "DATABASE_URL is not a valid database URL"),
        ({"SESSION_IDLE_MINUTES": "half"}, "SESSION_IDLE_MINUTES must be a whole number"),
        ({"CELERY_BROKER_URL": "localhost"}, "CELERY_BROKER_URL is not a valid broker URL"),
        # A retention term must be a positive period (issue 15); the access log's at least
        # five years (NEN 7513).
        ({"RETENTION_DAYS": "0"}, "RETENTION_DAYS must be at least 1"),
        ({"RETENTION_DAYS": "vijf jaar"}, "RETENTION_DAYS must be a whole number"),
        ({"AUDIT_RETENTION_DAYS": "365"}, "AUDIT_RETENTION_DAYS must be at least 1825"),
        ({"CASUSREGIE_ENV": "production"}, "SECRET_KEY is required but not set"),
        (
            {"DATABASE_URL": PG_URL, "POSTGRES_PREPARED_STATEMENTS": "soms"},
            "POSTGRES_PREPARED_STATEMENTS must be true or false",
        ),
        (
            {"CASUSREGIE_ENV": "production", "SECRET_KEY": "short"},
            "SECRET_KEY must be a random value",
        ),
        (
            {
                "CASUSREGIE_ENV": "production",
                "SECRET_KEY": "x7#Kq2!vLp9@Zr4$Wm8^Tn3&Yb6*Hc1(Jd5)Fg0-Es2+Ua7=Oi9",
                "ALLOWED_HOSTS": "casusregie.example.nl",
                "DEBUG": "false",
            },
            "AUDIT_CHAIN_KEY is required but not set",
        ),
    ],
)
def test_bad_environment_stops_start_up_with_one_sentence(env, sentence):
    result = _manage("check", **env)
    assert result.returncode == 2
    assert sentence in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("value", "prepared"), [("", "True 5"), ("true", "True 5"), ("false", "None None")]
)
def test_prepared_statements_are_on_for_postgresql_unless_switched_off(value, prepared):
    """Server-side binding and psycopg's preparation (docs/decisions.md §28); off for a
    pooler in transaction mode. Reading the settings connects to nothing."""
    show = (
        "from django.conf import settings; o = settings.DATABASES['default']['OPTIONS']; "
        "print(o.get('server_side_binding'), o.get('prepare_threshold'))"
    )
    result = _manage("shell", "-c", show, DATABASE_URL=PG_URL, POSTGRES_PREPARED_STATEMENTS=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == prepared


def test_production_settings_pass_the_deploy_check():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CASUSREGIE_ENV="production",
        SECRET_KEY="x7#Kq2!vLp9@Zr4$Wm8^Tn3&Yb6*Hc1(Jd5)Fg0-Es2+Ua7=Oi9",
        ALLOWED_HOSTS="casusregie.example.nl",
        DEBUG="false",
        AUDIT_CHAIN_KEY="q8#Lr3!wMp0@Zs5$Xn9^Uo4&Vc7*Id2(Ke6)",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
