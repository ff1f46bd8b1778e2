#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Nightly backup of Casusregie with a retention of BACKUP_RETENTION_DAYS: a pg_dump of the
# database and, taken right after it, a tar archive of the documents (DOCUMENTS_DIR).
#   backup.sh          loop: one backup every night at BACKUP_HOUR (UTC), then prune
#   backup.sh --once   one backup now, then prune (used by the tests and by hand)
# Writes casusregie-<stamp>.dump and casusregie-<stamp>.documents.tar.gz (same stamp).
# Needs PGHOST, PGUSER, PGPASSWORD, PGDATABASE (libpq), BACKUP_DIR and DOCUMENTS_DIR (the
# documents directory, read-only is enough). With DOCUMENTS_STORAGE=s3 the files are in the
# bucket, whose own versioning/replication is their backup: only the database is dumped.
# Restore: restore.sh (docs/deployment.md, "Backups and restore").
set -eu
BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-14}
BACKUP_HOUR=${BACKUP_HOUR:-2}
DOCUMENTS_STORAGE=${DOCUMENTS_STORAGE:-filesystem}
DOCUMENTS_DIR=${DOCUMENTS_DIR:-}

# Refuse to start rather than make backups without the documents.
if [ "$DOCUMENTS_STORAGE" != "s3" ] && { [ -z "$DOCUMENTS_DIR" ] || [ ! -d "$DOCUMENTS_DIR" ]; }; then
  echo "{\"event\": \"backup-failed\", \"reason\": \"DOCUMENTS_DIR is not a directory: set it to the documents directory, or DOCUMENTS_STORAGE=s3\"}" >&2
  exit 2
fi

prune() {  # $1: the pattern, $2: the newest file of that kind, which always stays
  find "$BACKUP_DIR" -name "$1" -type f -mtime +"$BACKUP_RETENTION_DAYS" \
    ! -name "$(basename "$2")" -print -delete | sed 's/^/{"event": "backup-pruned", "file": "/; s/$/"}/'
}

backup() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  target="$BACKUP_DIR/casusregie-$stamp.dump"
  pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$PGDATABASE"
  mv "$target.partial" "$target"
  echo "{\"event\": \"backup\", \"file\": \"$(basename "$target")\", \"bytes\": $(wc -c < "$target")}"
  # The documents after the database: an upload writes its file before its row, so every
  # document in the dump has its file in the archive (a file without a row is harmless).
  if [ "$DOCUMENTS_STORAGE" = "s3" ]; then
    echo '{"event": "backup-documents-skipped", "reason": "DOCUMENTS_STORAGE=s3: the bucket keeps its own versions"}'
  else
    archive="$BACKUP_DIR/casusregie-$stamp.documents.tar.gz"
    tar -czf "$archive.partial" -C "$DOCUMENTS_DIR" .
    mv "$archive.partial" "$archive"
    echo "{\"event\": \"backup-documents\", \"file\": \"$(basename "$archive")\", \"bytes\": $(wc -c < "$archive")}"
    prune 'casusregie-*.documents.tar.gz' "$archive"
  fi
  # Retention: older than N days go; the newest of each kind is always kept.
  prune 'casusregie-*.dump' "$target"
}

mkdir -p "$BACKUP_DIR"
if [ "${1:-}" = "--once" ]; then
  backup
  exit 0
fi
while true; do
  now=$(date -u +%s)
  next=$(date -u -d "today ${BACKUP_HOUR}:00" +%s)
  [ "$next" -le "$now" ] && next=$(date -u -d "tomorrow ${BACKUP_HOUR}:00" +%s)
  sleep $((next - now))
  backup || echo '{"event": "backup-failed"}' >&2
done
