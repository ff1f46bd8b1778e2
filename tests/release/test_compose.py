# SPDX-License-Identifier: EUPL-1.2
"""docker-compose.yml: valid against the Compose Specification's schema, and the
production rules: restarts, secrets only from the env file, a one-off migrate service,
exactly one beat, the application role, a backup."""

import json
import re
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = ROOT / "deploy" / "schemas" / "compose-spec.json"
LONG_RUNNING = {"postgres", "redis", "web", "worker", "beat", "backup", "mailpit"}
APP = {"web", "worker", "beat"}


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_file_is_valid_against_the_compose_specification(compose):
    validator = Draft7Validator(json.loads(SCHEMA.read_text()))
    errors = sorted(validator.iter_errors(compose), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


def test_the_schema_check_would_catch_a_mistake(compose):
    validator = Draft7Validator(json.loads(SCHEMA.read_text()))
    broken = {**compose, "services": {**compose["services"], "web": {"restart": 3}}}
    assert list(validator.iter_errors(broken))


def test_every_long_running_service_restarts_and_the_migration_runs_once(compose):
    services = compose["services"]
    assert set(services) == LONG_RUNNING | {"migrate"}
    for name in LONG_RUNNING:
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"
    assert "migrate" in services["migrate"]["command"][-1]
    assert "collectstatic" in services["migrate"]["command"][-1]
    for name in APP:
        assert services[name]["depends_on"]["migrate"] == {
            "condition": "service_completed_successfully"
        }, name
        assert "migrate" not in json.dumps(services[name]["command"]), name


def test_exactly_one_beat(compose):
    beats = [
        n for n, s in compose["services"].items() if " beat" in " ".join(s.get("command") or [])
    ]
    assert beats == ["beat"]
    assert compose["services"]["beat"]["deploy"]["replicas"] == 1


def test_no_secret_is_written_in_the_compose_file():
    text = (ROOT / "docker-compose.yml").read_text()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if re.search(r"PASSWORD|SECRET_KEY", key) and value.strip():
            assert value.strip().startswith("${"), line
    # database URLs carry their password only through interpolation
    urls = re.findall(r"postgres://(?:\$\{[^}]*\}|\w+):([^@]*)@", text)
    assert len(urls) == 2
    for password in urls:
        assert password.startswith("${") and password.endswith("}"), password


def test_the_app_runs_as_the_application_role_and_migrations_as_the_owner(compose):
    services = compose["services"]
    assert "CASUSREGIE_DB_APP" in services["web"]["environment"]["DATABASE_URL"]
    assert "CASUSREGIE_DB_OWNER" in services["migrate"]["environment"]["DATABASE_URL"]
    mounts = " ".join(services["postgres"]["volumes"])
    assert "10-casusregie-roles.sh" in mounts and "roles.sql.in" in mounts


def test_nightly_backup_with_retention(compose):
    backup = compose["services"]["backup"]
    assert backup["entrypoint"] == ["/deploy/backup/backup.sh"]
    assert "BACKUP_RETENTION_DAYS" in backup["environment"]


def test_the_backup_reads_the_documents_volume_the_application_writes(compose):
    backup = compose["services"]["backup"]
    web_volume = next(
        v for v in compose["services"]["web"]["volumes"] if v.startswith("documents:")
    )
    assert web_volume == "documents:/app/var/documents"
    mount = f"documents:{backup['environment']['DOCUMENTS_DIR']}:ro"
    assert mount in backup["volumes"]
    assert backup["environment"]["DOCUMENTS_STORAGE"] == "${DOCUMENTS_STORAGE:-filesystem}"


def test_dockerignore_keeps_secrets_data_history_and_tests_out_of_the_image():
    patterns = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    assert {".env", "var/", ".git", "tests/", ".venv/"} <= patterns
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "requirements.txt" in dockerfile and "requirements-dev.txt" not in dockerfile
    assert "--require-hashes" in dockerfile
    assert re.search(r"^USER casusregie$", dockerfile, re.M)
    assert dockerfile.count("FROM ") >= 2  # build stage and runtime stage
    for library in ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz0b", "fonts-dejavu-core"):
        assert library in dockerfile
