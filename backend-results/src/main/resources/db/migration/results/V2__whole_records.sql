-- backend-results, V2: the whole arXiv record (issue 20). Only columns are added, all nullable: rows
-- stored before answer the new fields as null, and an old backend-results still running during a rolling
-- upgrade goes on inserting its nine fields. Adding a nullable column without a default rewrites no row,
-- so this takes a moment even on a large table. IF NOT EXISTS: a column someone added by hand is kept.

ALTER TABLE results
    ADD COLUMN IF NOT EXISTS abstract   TEXT,        -- arXiv's summary, whitespace collapsed
    ADD COLUMN IF NOT EXISTS categories TEXT[],      -- every category term, the primary first
    ADD COLUMN IF NOT EXISTS updated    TIMESTAMPTZ, -- when the returned version was submitted
    ADD COLUMN IF NOT EXISTS comment    TEXT,        -- arxiv:comment
    ADD COLUMN IF NOT EXISTS pdf_url    TEXT;        -- https://arxiv.org/pdf/<arxiv_id>, built from the id
