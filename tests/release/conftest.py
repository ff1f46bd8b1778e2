# SPDX-License-Identifier: EUPL-1.2
"""A production database of its own: the roles of deploy/postgres/roles.sql.in, migrated
by the owner, the application's rights applied (deploy/db_grants.py).

Migrating takes over a minute as a subprocess with the production settings, so it is done
once per test process, into a template database; each test gets its own copy of it
(`CREATE DATABASE … TEMPLATE`), owned by the same owner role, with the same table rights
and the same keys. The tests that use it run on one xdist worker (tests/conftest.py), so
the template is made once per run."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


def _psql_for(db):
    host, port, superuser = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432), db["USER"]
    psql_env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}

    def psql(*args, database="postgres", check=True):
        return subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", superuser,
             "-d", database, *args],
            check=check, env=psql_env, capture_output=True, text=True,
        )  # fmt: skip

    return host, port, psql


@pytest.fixture(scope="session")
def _production_template(tmp_path_factory):
    """The roles and a migrated template database, once per test process."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL")  # the postgres marker fails this in CI first
    host, port, psql = _psql_for(db)
    suffix = secrets.token_hex(3)
    names = {"db": f"casusregie_tmpl_{suffix}", "owner": f"cr_owner_{suffix}",
             "app": f"cr_app_{suffix}"}  # fmt: skip
    psql("-v", f"db={names['db']}", "-v", f"owner={names['owner']}", "-v", "owner_password=o",
         "-v", f"app={names['app']}", "-v", "app_password=a",
         "-f", str(ROOT / "deploy" / "postgres" / "roles.sql.in"))  # fmt: skip

    def url(role, database):
        return f"postgres://{role}:{role[:1]}@{host}:{port}/{database}"

    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CI", "DJANGO_SETTINGS_MODULE"}},
        "CASUSREGIE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "AUDIT_CHAIN_KEY": secrets.token_urlsafe(32),  # the HMAC key of the access log
        "DEBUG": "false",
        "DEV_SKIP_2FA": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT),
        "STATIC_ROOT": str(tmp_path_factory.mktemp("static")),
    }

    def owner_run(command):
        result = subprocess.run(
            command, cwd=ROOT, capture_output=True, text=True,
            env={**env, "DATABASE_URL": url(names["owner"], names["db"])},
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-3000:]

    try:
        owner_run([sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput"])
        owner_run([sys.executable, str(ROOT / "deploy" / "db_grants.py"), names["app"]])
        yield {"names": names, "env": env, "url": url, "psql": psql, "host": host, "port": port}
    finally:
        psql("-c", f"DROP DATABASE IF EXISTS {names['db']} WITH (FORCE)", check=False)
        psql("-c", f"DROP ROLE IF EXISTS {names['app']}", "-c",
             f"DROP ROLE IF EXISTS {names['owner']}", check=False)  # fmt: skip


@pytest.fixture
def production_database(_production_template, tmp_path):
    template = _production_template
    psql, host, port = template["psql"], template["host"], template["port"]
    names = {**template["names"], "db": f"casusregie_prod_{secrets.token_hex(3)}"}
    psql("-c", f"CREATE DATABASE {names['db']} TEMPLATE {template['names']['db']} "
         f"OWNER {names['owner']}")  # fmt: skip
    # The database's own rights live outside it (pg_database): as roles.sql.in gives them.
    psql("-c", f"REVOKE ALL ON DATABASE {names['db']} FROM PUBLIC",
         "-c", f"GRANT CONNECT, TEMPORARY ON DATABASE {names['db']} TO {names['app']}")  # fmt: skip

    def url(role, database=None):
        return template["url"](role, database or names["db"])

    env = {
        **template["env"],
        "DATABASE_URL": url(names["app"]),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
    }
    manage = [sys.executable, str(ROOT / "manage.py")]

    def run(command, *, role="app", database=None, extra_env=None):
        result = subprocess.run(
            command,
            cwd=ROOT,
            env={**env, "DATABASE_URL": url(names[role], database), **(extra_env or {})},
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout

    def shell(code: str) -> str:
        return run([*manage, "shell", "-c", code]).strip().splitlines()[-1]

    context = dict(names=names, env=env, run=run, shell=shell, url=url, psql=psql,
                   manage=manage, host=host, port=port, tmp=tmp_path)  # fmt: skip
    try:
        yield context
    finally:
        for database in context.get("drop", []) + [names["db"]]:
            psql("-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", check=False)
