-- backend-results, V3: what GET /results filters by (issue 21), each backed by an index so that a filtered
-- page costs about what an unfiltered one does on millions of rows. The functions are IMMUTABLE so that an
-- index can be built on them; the queries call the same functions, which PostgreSQL inlines on both
-- sides. Building these indexes reads the whole table once (tens of seconds per million results); rows
-- are only read, none is changed. unaccent and pg_trgm are trusted extensions: the database owner may
-- create them (PostgreSQL 13+).

CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- q: PostgreSQL full text over title, abstract and authors, English stemming
CREATE OR REPLACE FUNCTION results_document(title text, abstract text, author text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(abstract, '') || ' ' || coalesce(author, '')) $$;
CREATE INDEX IF NOT EXISTS results_document_idx ON results USING gin (results_document(title, abstract, author));

-- author: every word contained, case- and accent-insensitive (trigrams find "contains" without a scan)
CREATE OR REPLACE FUNCTION results_fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, coalesce(value, ''))) $$;
CREATE INDEX IF NOT EXISTS results_author_folded_idx ON results USING gin (results_fold(author) gin_trgm_ops);

-- category: any of the given among categories
CREATE INDEX IF NOT EXISTS results_categories_idx ON results USING gin (categories);

-- published_from / published_to
CREATE INDEX IF NOT EXISTS results_published_idx ON results (published);

-- arxiv_id (every stored version) and GET /papers/{arxiv_id}: the id without its version
CREATE OR REPLACE FUNCTION results_paper(arxiv_id text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(arxiv_id, 'v[0-9]+$', '') $$;
CREATE INDEX IF NOT EXISTS results_paper_idx ON results (results_paper(arxiv_id), query_id, result_number);
