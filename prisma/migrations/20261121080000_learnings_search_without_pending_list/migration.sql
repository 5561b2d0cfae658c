-- Learnings are written rarely (one per feedback) and searched on every turn. With fast update (the GIN default),
-- new entries wait in a pending list that every search scans row by row until a vacuum merges it, and
-- PGlite never vacuums on its own: at 10,000 learnings a search took 5 ms instead of under 1 ms.
-- Without it each insert updates the index directly. The second statement merges what is pending now.
ALTER INDEX "Learning_search_idx" SET (fastupdate = off);
SELECT gin_clean_pending_list('"Learning_search_idx"'::regclass);
