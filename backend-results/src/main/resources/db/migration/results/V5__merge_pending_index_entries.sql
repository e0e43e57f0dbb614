-- backend-results, V5: the GIN indexes of V3 and V4 (full text, author trigrams, categories) take new rows
-- into a pending list first (fastupdate), which every search through them reads whole, and which is merged
-- into the index only when it outgrows gin_pending_list_limit (4 MB) or a vacuum runs. After a burst of
-- writes it stayed: a rare word's lookup in a million results read 372 pending pages, ~2 ms per statement,
-- twice a first page (its rows and its total), where the index alone reads a handful (bench/RESULTS.md).
-- Smaller pending lists would move that cost to every write (x2-4 per insert, measured). Instead the
-- service merges them a few seconds after writes, off any request (ResultIndexUpkeep). Merging an index's
-- pending list is its owner's right: this function, owned by the schema owner, lends it to the service's
-- role and does nothing else. No row changes.
CREATE OR REPLACE FUNCTION results_merge_pending_entries() RETURNS bigint
    LANGUAGE sql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    AS $$
        SELECT gin_clean_pending_list('${flyway:defaultSchema}.results_document_stored_idx'::regclass)
             + gin_clean_pending_list('${flyway:defaultSchema}.results_author_folded_idx'::regclass)
             + gin_clean_pending_list('${flyway:defaultSchema}.results_categories_idx'::regclass)
    $$;

REVOKE ALL ON FUNCTION results_merge_pending_entries() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION results_merge_pending_entries() TO arxiv_rw;
