# SPDX-License-Identifier: EUPL-1.2
"""A .env file is read when present; .env.example shows the real defaults; e-mail links
follow the port `make run` serves on."""

import os

import pytest

from config.env import ConfigurationError, read_env_file
from tests.test_foundation import ROOT, _manage

SHOW = "from django.conf import settings as s; print(s.SITE_URL, s.DATABASES['default']['ENGINE'])"


def test_a_env_file_sets_variables_the_environment_does_not(tmp_path, monkeypatch):
    env = tmp_path / ".env"
    env.write_text(
        "# a comment\n\nCASUSREGIE_T1=from-file\nCASUSREGIE_T2='quoted value'\n"
        "CASUSREGIE_T3=\nexport CASUSREGIE_T4=exported\nCASUSREGIE_T5=file\n"
    )
    monkeypatch.setenv("CASUSREGIE_T5", "environment")
    for name in ("CASUSREGIE_T1", "CASUSREGIE_T2", "CASUSREGIE_T3", "CASUSREGIE_T4"):
        monkeypatch.delenv(name, raising=False)
    read_env_file(env)
    assert os.environ["CASUSREGIE_T1"] == "from-file"
    assert os.environ["CASUSREGIE_T2"] == "quoted value"
    assert "CASUSREGIE_T3" not in os.environ  # empty means: the default
    assert os.environ["CASUSREGIE_T4"] == "exported"
    assert os.environ["CASUSREGIE_T5"] == "environment"
    for name in ("CASUSREGIE_T1", "CASUSREGIE_T2", "CASUSREGIE_T4"):
        monkeypatch.delenv(name)


def test_a_malformed_env_line_is_named(tmp_path):
    env = tmp_path / ".env"
    env.write_text("JUST SOME WORDS\n")
    with pytest.raises(ConfigurationError, match="Line 1 of .* is not of the form NAME=value"):
        read_env_file(env)


def test_a_missing_env_file_is_fine(tmp_path):
    read_env_file(tmp_path / "absent")


def test_site_url_follows_the_port_of_make_run():
    result = _manage("shell", "-c", SHOW, PORT="8123", SITE_URL="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[0] == "http://127.0.0.1:8123"


def test_a_copy_of_env_example_runs_with_the_embedded_defaults():
    values = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            name, _sep, value = line.partition("=")
            values[name] = value
    result = _manage("shell", "-c", SHOW, **values)
    assert result.returncode == 0, result.stderr
    site_url, engine = result.stdout.splitlines()[-1].split()
    assert engine == "django.db.backends.sqlite3"  # no database server needed
    assert site_url == "http://127.0.0.1:8000"
