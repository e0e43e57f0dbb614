-- arxiv-pipeline database, step 1 of 3: the login roles, each with the least privilege it needs
-- (granted in the next files). Run by psql as a superuser on an empty PostgreSQL 15+ cluster:
--   for f in db/*.sql; do psql -v ON_ERROR_STOP=1 -U postgres -f "$f"; done
-- Passwords come from the environment (psql's \getenv); the values set here are local defaults only.
\set ON_ERROR_STOP on

\set arxiv_rw_password 'arxiv_rw'
\getenv arxiv_rw_password ARXIV_RW_PASSWORD
\set arxiv_ro_password 'arxiv_ro'
\getenv arxiv_ro_password ARXIV_RO_PASSWORD
\set arxiv_sequence_password 'arxiv_sequence'
\getenv arxiv_sequence_password ARXIV_SEQUENCE_PASSWORD
\set arxiv_pacing_password 'arxiv_pacing'
\getenv arxiv_pacing_password ARXIV_PACING_PASSWORD

-- backend-queries and backend-results: read and append to the two tables, nothing else
CREATE ROLE arxiv_rw LOGIN PASSWORD :'arxiv_rw_password';
-- read endpoints and read replicas: read only
CREATE ROLE arxiv_ro LOGIN PASSWORD :'arxiv_ro_password';
-- backend-sequence: nextval on one sequence
CREATE ROLE arxiv_sequence LOGIN PASSWORD :'arxiv_sequence_password';
-- backend-arxiv-api (optional): reserve arXiv call slots in the pacing table
CREATE ROLE arxiv_pacing LOGIN PASSWORD :'arxiv_pacing_password';
