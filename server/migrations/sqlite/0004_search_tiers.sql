-- Search reads the most recent matches first (FTS5 walks its rowids backwards without
-- sorting) and ranks them a batch at a time, so a search costs the same on a million
-- posts as on a thousand. For that, what kind of thing a row is must be known inside the
-- FTS5 index: a third column, `facets`, holds one word for it ("kpost", "kperson", ...).
-- The index is rebuilt from the things themselves at the next start (search::backfill).
DROP TABLE search_terms;
DELETE FROM search_documents;
CREATE VIRTUAL TABLE search_terms USING fts5(
    title,
    body,
    facets,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Compaction looks for the newest old tombstone: only tombstones in this index.
CREATE INDEX sync_log_tombstones ON sync_log(seq, changed_at) WHERE deleted;
