#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Restore a dump made by backup.sh into an EMPTY database, then check the access log.
#   restore.sh /backups/casusregie-20261201T020000Z.dump
# Needs PGHOST, PGUSER (the owner role), PGPASSWORD, PGDATABASE (an empty database owned by
# the owner role). After it: run `python deploy/db_grants.py` (application rights) and
# `python manage.py verify_audit_log` — docs/deployment.md, "Restore".
set -eu
dump=${1:?usage: restore.sh <dump file>}
pg_restore --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$PGDATABASE" "$dump"
echo "{\"event\": \"restored\", \"file\": \"$(basename "$dump")\", \"database\": \"$PGDATABASE\"}"
