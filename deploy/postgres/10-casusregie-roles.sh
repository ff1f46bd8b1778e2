#!/bin/sh
# SPDX-License-Identifier: EUPL-1.2
# PostgreSQL container init (docker-entrypoint-initdb.d): create the owner and the
# application role and the database, from the passwords in the environment (.env).
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v db="${CASUSREGIE_DB:-casusregie}" \
  -v owner="${CASUSREGIE_DB_OWNER:-casusregie_owner}" -v owner_password="$CASUSREGIE_DB_OWNER_PASSWORD" \
  -v app="${CASUSREGIE_DB_APP:-casusregie_app}" -v app_password="$CASUSREGIE_DB_APP_PASSWORD" \
  -f /docker-entrypoint-initdb.d/roles.sql.in
