#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Restore a backup made by backup.sh.
#   restore.sh /backups/casusregie-20261201T020000Z.dump
#       the database, into an EMPTY database; then check the access log. Needs PGHOST,
#       PGUSER (the owner role), PGPASSWORD, PGDATABASE (an empty database owned by the
#       owner role). After it: run `python deploy/db_grants.py` (application rights) and
#       `python manage.py verify_audit_log` — docs/deployment.md, "Restore".
#   restore.sh --documents /backups/casusregie-20261201T020000Z.documents.tar.gz
#       the documents of the same night, into DOCUMENTS_DIR, which must be empty (a
#       restore never mixes two nights' files).
set -eu
if [ "${1:-}" = "--documents" ]; then
  archive=${2:?usage: restore.sh --documents <documents archive>}
  target=${DOCUMENTS_DIR:?set DOCUMENTS_DIR to the (empty) documents directory}
  mkdir -p "$target"
  if [ -n "$(ls -A "$target")" ]; then
    echo "{\"event\": \"restore-failed\", \"reason\": \"DOCUMENTS_DIR is not empty\"}" >&2
    exit 2
  fi
  tar -xzf "$archive" -C "$target"
  echo "{\"event\": \"restored-documents\", \"file\": \"$(basename "$archive")\", \"files\": $(find "$target" -type f | wc -l)}"
  exit 0
fi
dump=${1:?usage: restore.sh <dump file> | restore.sh --documents <documents archive>}
pg_restore --exit-on-error --no-owner --no-privileges --single-transaction --dbname="$PGDATABASE" "$dump"
echo "{\"event\": \"restored\", \"file\": \"$(basename "$dump")\", \"database\": \"$PGDATABASE\"}"
