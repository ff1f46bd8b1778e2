# SPDX-License-Identifier: EUPL-1.2
"""A production database of its own: the roles of deploy/postgres/roles.sql.in, migrated
by the owner, the application's rights applied (deploy/db_grants.py)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def production_database(tmp_path):
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("needs PostgreSQL")  # the postgres marker fails this in CI first
    suffix = secrets.token_hex(3)
    names = {"db": f"casusregie_prod_{suffix}", "owner": f"cr_owner_{suffix}",
             "app": f"cr_app_{suffix}"}  # fmt: skip
    host, port, superuser = db["HOST"] or "127.0.0.1", str(db["PORT"] or 5432), db["USER"]
    psql_env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}

    def psql(*args, database="postgres", check=True):
        return subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", superuser,
             "-d", database, *args],
            check=check, env=psql_env, capture_output=True, text=True,
        )  # fmt: skip

    psql("-v", f"db={names['db']}", "-v", f"owner={names['owner']}", "-v", "owner_password=o",
         "-v", f"app={names['app']}", "-v", "app_password=a",
         "-f", str(ROOT / "deploy" / "postgres" / "roles.sql.in"))  # fmt: skip

    def url(role, database=None):
        return f"postgres://{role}:{role[:1]}@{host}:{port}/{database or names['db']}"

    env = {
        **{k: v for k, v in os.environ.items() if k not in {"CI", "DJANGO_SETTINGS_MODULE"}},
        "CASUSREGIE_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "AUDIT_CHAIN_KEY": secrets.token_urlsafe(32),  # the HMAC key of the access log
        "DEBUG": "false",
        "DEV_SKIP_2FA": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": url(names["app"]),
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "STATIC_ROOT": str(tmp_path / "static"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "LOG_FORMAT": "json",
        "PYTHONPATH": str(ROOT),
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

    run([*manage, "migrate", "--noinput"], role="owner")
    run([sys.executable, str(ROOT / "deploy" / "db_grants.py"), names["app"]], role="owner")
    context = dict(names=names, env=env, run=run, shell=shell, url=url, psql=psql,
                   manage=manage, host=host, port=port, tmp=tmp_path)  # fmt: skip
    try:
        yield context
    finally:
        for database in context.get("drop", []) + [names["db"]]:
            psql("-c", f"DROP DATABASE IF EXISTS {database} WITH (FORCE)", check=False)
        psql("-c", f"DROP ROLE IF EXISTS {names['app']}", "-c",
             f"DROP ROLE IF EXISTS {names['owner']}", check=False)  # fmt: skip
