-- SPDX-License-Identifier: EUPL-1.2
-- After `manage.py migrate` (run as the owner): the application role's table rights.
--   psql "$OWNER_DATABASE_URL" -v app=casusregie_app -f grants.sql
-- (the migrate service runs the same statements through deploy/db_grants.py)
\set ON_ERROR_STOP on
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO :"app";
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO :"app";
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_auditentry FROM :"app";
