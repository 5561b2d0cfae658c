-- The chunks' GIN index without its pending list (fastupdate). With it, new chunks' words wait in an
-- unsorted list that every search reads in full until a VACUUM merges it — and PGlite never runs
-- autovacuum. The planner then priced the index above a sequential scan, which detoasted all
-- 10,000 tsvectors per search (about 45 ms instead of 5). Uploads write a few hundred chunks at most,
-- so writing them straight into the index costs little.
ALTER INDEX "KnowledgeChunk_search_idx" SET (fastupdate = off);

-- the words already waiting go into the index now
SELECT gin_clean_pending_list('"KnowledgeChunk_search_idx"'::regclass);
