-- arxiv-pipeline database bootstrap, step 1 of 3: the login roles. Run by psql as a superuser on a
-- PostgreSQL 15+ cluster, in file-name order, as often as wanted (it is idempotent):
--   for f in db/*.sql; do psql -v ON_ERROR_STOP=1 -U postgres -f "$f"; done
-- A missing role is created; a role that exists only gets its password set again (so a password
-- changed in the environment takes effect); nothing else about it changes. The tables, indexes and
-- the sequence are not made here: each service's Flyway migrations make them, as arxiv_owner.
-- Passwords come from the environment (psql's \getenv); the values set here are local defaults only.
\set ON_ERROR_STOP on

\set arxiv_owner_password 'arxiv_owner'
\getenv arxiv_owner_password ARXIV_OWNER_PASSWORD
\set arxiv_rw_password 'arxiv_rw'
\getenv arxiv_rw_password ARXIV_RW_PASSWORD
\set arxiv_ro_password 'arxiv_ro'
\getenv arxiv_ro_password ARXIV_RO_PASSWORD
\set arxiv_sequence_password 'arxiv_sequence'
\getenv arxiv_sequence_password ARXIV_SEQUENCE_PASSWORD
\set arxiv_pacing_password 'arxiv_pacing'
\getenv arxiv_pacing_password ARXIV_PACING_PASSWORD
\set arxiv_watches_password 'arxiv_watches'
\getenv arxiv_watches_password ARXIV_WATCHES_PASSWORD

-- psql does not interpolate variables inside a dollar-quoted body: the passwords reach the DO block
-- through session settings, read there with current_setting and reset right after. Only the
-- verifier (SCRAM-SHA-256) is stored; the DO text itself names no password, so a logged statement
-- or an error's context shows none.
SET password_encryption = 'scram-sha-256';
SET arxiv.arxiv_owner_password = :'arxiv_owner_password';
SET arxiv.arxiv_rw_password = :'arxiv_rw_password';
SET arxiv.arxiv_ro_password = :'arxiv_ro_password';
SET arxiv.arxiv_sequence_password = :'arxiv_sequence_password';
SET arxiv.arxiv_pacing_password = :'arxiv_pacing_password';
SET arxiv.arxiv_watches_password = :'arxiv_watches_password';

DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY[
            'arxiv_owner',    -- owns the databases and every table and sequence; the services' migrations run as it
            'arxiv_rw',       -- backend-queries and backend-results: read and append to their tables
            'arxiv_ro',       -- read endpoints and read replicas: read only
            'arxiv_sequence', -- backend-sequence: nextval on one sequence
            'arxiv_pacing',   -- backend-arxiv-api: the arXiv call slots in the pacing table
            'arxiv_watches']  -- backend-watches: its own tables
    LOOP
        BEGIN
            IF EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
                EXECUTE format('ALTER ROLE %I PASSWORD %L', role_name, current_setting('arxiv.' || role_name || '_password'));
            ELSE
                EXECUTE format('CREATE ROLE %I LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD %L',
                        role_name, current_setting('arxiv.' || role_name || '_password'));
            END IF;
        EXCEPTION WHEN OTHERS THEN
            -- the failed statement holds a password: report the role and the reason only
            RAISE EXCEPTION 'cannot create or update role %: %', role_name, SQLERRM USING ERRCODE = SQLSTATE;
        END;
    END LOOP;
END
$$;

RESET arxiv.arxiv_owner_password;
RESET arxiv.arxiv_rw_password;
RESET arxiv.arxiv_ro_password;
RESET arxiv.arxiv_sequence_password;
RESET arxiv.arxiv_pacing_password;
RESET arxiv.arxiv_watches_password;
RESET password_encryption;
