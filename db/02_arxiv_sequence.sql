-- arxiv-pipeline database bootstrap, step 3 of 3: database arxiv_sequence (sequence arxiv_sequence,
-- the source of every query_id, made by backend-sequence's migrations), owned by arxiv_owner; role
-- arxiv_sequence may connect and use the schema. Idempotent, adopts as step 2 does.
\set ON_ERROR_STOP on

SELECT 'CREATE DATABASE arxiv_sequence OWNER arxiv_owner ENCODING ''UTF8'' TEMPLATE template0'
 WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'arxiv_sequence') \gexec
ALTER DATABASE arxiv_sequence OWNER TO arxiv_owner;
REVOKE ALL ON DATABASE arxiv_sequence FROM PUBLIC;
GRANT CONNECT ON DATABASE arxiv_sequence TO arxiv_sequence;

\connect arxiv_sequence

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO arxiv_sequence;
GRANT ALL ON SCHEMA public TO arxiv_owner;

-- adoption: sequence arxiv_sequence (and anything else here) of an earlier db/ goes to arxiv_owner
SELECT format('ALTER %s public.%I OWNER TO arxiv_owner',
              CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                             WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'S', 'v', 'm', 'f')
   AND c.relowner <> 'arxiv_owner'::regrole
   AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
 ORDER BY c.relname \gexec
