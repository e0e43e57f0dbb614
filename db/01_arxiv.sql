-- arxiv-pipeline database bootstrap, step 2 of 3: database arxiv (queries, results, the arXiv
-- pacing, the watches), owned by arxiv_owner; what only a superuser may do there. Idempotent.
\set ON_ERROR_STOP on

-- CREATE DATABASE cannot run in a DO block (nor in any transaction): \gexec runs it when missing
SELECT 'CREATE DATABASE arxiv OWNER arxiv_owner ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'arxiv') \gexec
-- a database made by an earlier db/ belonged to the superuser
ALTER DATABASE arxiv OWNER TO arxiv_owner;
REVOKE ALL ON DATABASE arxiv FROM PUBLIC;
GRANT CONNECT ON DATABASE arxiv TO arxiv_rw, arxiv_ro, arxiv_pacing, arxiv_watches;

\connect arxiv

-- the runtime roles may use what the migrations grant them, never create anything
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO arxiv_rw, arxiv_ro, arxiv_pacing, arxiv_watches;
GRANT ALL ON SCHEMA public TO arxiv_owner;

-- Adoption of an installation set up by an earlier db/: its tables (queries, results, arxiv_pacing,
-- with their rows) were the superuser's. Each goes to arxiv_owner, so that the migrations may change
-- it; the grants made on it stay. Sequences owned by a column (identity) follow their table.
SELECT format('ALTER %s public.%I OWNER TO arxiv_owner',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f')
   AND c.relowner <> 'arxiv_owner'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
 ORDER BY c.relname \gexec
