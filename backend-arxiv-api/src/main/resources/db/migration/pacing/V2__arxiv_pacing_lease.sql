-- backend-arxiv-api, V2: one call to arXiv at a time for the whole deployment. V1's row spaced the starts
-- of the calls only, so a slow answer overlapped the next replica's call. The row now also holds the lease
-- of the call under way (its holder, and when the lease runs out: a replica that dies mid-call blocks the
-- others no longer than a call's timeout) and the search first in line among all replicas (so that turns
-- go in about the order the searches arrived; its claim lapses unless renewed). next_slot keeps its
-- meaning, the earliest start of the next call. The V1 row is upgraded in place: the new columns start
-- empty (no lease held, nobody in line).
-- Never edit this file once released: a change of schema is a new V<n>__ file.
ALTER TABLE arxiv_pacing ADD COLUMN IF NOT EXISTS holder TEXT;
ALTER TABLE arxiv_pacing ADD COLUMN IF NOT EXISTS lease_until TIMESTAMPTZ;
ALTER TABLE arxiv_pacing ADD COLUMN IF NOT EXISTS waiter TEXT;
ALTER TABLE arxiv_pacing ADD COLUMN IF NOT EXISTS waiter_since TIMESTAMPTZ;
ALTER TABLE arxiv_pacing ADD COLUMN IF NOT EXISTS waiter_until TIMESTAMPTZ;
-- V1 granted SELECT on the table and UPDATE of next_slot; the runtime role updates the new columns too
GRANT UPDATE (holder, lease_until, waiter, waiter_since, waiter_until) ON arxiv_pacing TO arxiv_pacing;
