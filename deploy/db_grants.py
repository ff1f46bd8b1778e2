#!/usr/bin/env python3
# SPDX-License-Identifier: EUPL-1.2
"""Apply deploy/postgres/grants.sql through Django's connection (no psql in the image).

Run by the one-off migrate service right after `manage.py migrate`, as the owner role:
    DATABASE_URL=<owner url> python deploy/db_grants.py casusregie_app
"""

import os
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRANTS = ROOT / "deploy" / "postgres" / "grants.sql"
ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def statements(app_role: str) -> list[str]:
    if not ROLE_NAME.match(app_role):
        raise SystemExit(f"db_grants: {app_role!r} is not a plain role name")
    lines = [
        line
        for line in GRANTS.read_text().splitlines()
        if line.strip() and not line.lstrip().startswith(("--", "\\"))
    ]
    sql = "\n".join(lines).replace(':"app"', f'"{app_role}"')
    return [part.strip() for part in sql.split(";") if part.strip()]


def main() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django  # noqa: PLC0415 - Django is set up here, after the path is known

    django.setup()
    from django.db import connection  # noqa: PLC0415 - needs the settings loaded above

    app_role = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("CASUSREGIE_DB_APP", "")
    with connection.cursor() as cursor:
        for statement in statements(app_role or "casusregie_app"):
            cursor.execute(statement)
    print(f"db_grants: rights of {app_role or 'casusregie_app'} applied")


if __name__ == "__main__":
    main()
