-- backend-queries, V3: the watch whose run a query was (issue 24), null for a search someone made. Every
-- row stored before was such a search. A nullable column without a default rewrites no row.

ALTER TABLE queries ADD COLUMN IF NOT EXISTS watch_id BIGINT CHECK (watch_id > 0);
