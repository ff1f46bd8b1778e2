#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# Nightly pg_dump of the Casusregie database with a retention of BACKUP_RETENTION_DAYS.
#   backup.sh          loop: one dump every night at BACKUP_HOUR (UTC), then prune
#   backup.sh --once   one dump now, then prune (used by the restore test and by hand)
# Needs PGHOST, PGUSER, PGPASSWORD, PGDATABASE (libpq) and BACKUP_DIR. Restore: restore.sh.
set -eu
BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_RETENTION_DAYS=${BACKUP_RETENTION_DAYS:-14}
BACKUP_HOUR=${BACKUP_HOUR:-2}

dump() {
  stamp=$(date -u +%Y%m%dT%H%M%SZ)
  target="$BACKUP_DIR/casusregie-$stamp.dump"
  pg_dump --format=custom --no-owner --no-privileges --file="$target.partial" "$PGDATABASE"
  mv "$target.partial" "$target"
  echo "{\"event\": \"backup\", \"file\": \"$(basename "$target")\", \"bytes\": $(wc -c < "$target")}"
  # Retention: dumps older than N days go; the newest dump is always kept.
  find "$BACKUP_DIR" -name 'casusregie-*.dump' -type f -mtime +"$BACKUP_RETENTION_DAYS" \
    ! -name "$(basename "$target")" -print -delete | sed 's/^/{"event": "backup-pruned", "file": "/; s/$/"}/'
}

mkdir -p "$BACKUP_DIR"
if [ "${1:-}" = "--once" ]; then
  dump
  exit 0
fi
while true; do
  now=$(date -u +%s)
  next=$(date -u -d "today ${BACKUP_HOUR}:00" +%s)
  [ "$next" -le "$now" ] && next=$(date -u -d "tomorrow ${BACKUP_HOUR}:00" +%s)
  sleep $((next - now))
  dump || echo '{"event": "backup-failed"}' >&2
done
