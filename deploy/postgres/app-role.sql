-- SPDX-License-Identifier: EUPL-1.2
-- The role Casusregie runs as in production: neither superuser nor owner of any table.
--
-- Migrations run as the owner (POSTGRES_USER in docker-compose, which owns the tables);
-- the web app and the Celery workers connect as casusregie_app. Because it does not own
-- audit_auditentry it cannot TRUNCATE it, drop or disable its append-only trigger, or
-- alter the table; because it is no superuser it cannot set session_replication_role
-- (which would skip triggers). It gets only SELECT and INSERT on the access log.
--
-- Run as the owner, after `manage.py migrate`, in the application's database:
--   psql -v app_password="'...'" -f deploy/postgres/app-role.sql
-- (docker-compose: mount this file into /docker-entrypoint-initdb.d/ is NOT enough, the
-- grants need the tables; run it from the migrate step, see docs/security.md.)

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'casusregie_app') THEN
        CREATE ROLE casusregie_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION
            NOBYPASSRLS;
    END IF;
END
$$;

DO $$
BEGIN
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO casusregie_app', current_database());
END
$$;
GRANT USAGE ON SCHEMA public TO casusregie_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO casusregie_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO casusregie_app;
-- The access log: read and append, nothing else.
REVOKE ALL ON audit_auditentry FROM casusregie_app;
GRANT SELECT, INSERT ON audit_auditentry TO casusregie_app;
-- Tables created by later migrations (run by the owner) follow the same rule.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO casusregie_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO casusregie_app;
