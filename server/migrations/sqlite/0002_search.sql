-- Search (DESIGN.md §7): one row per searchable thing (a post, a group, a person), and its
-- words in a contentless FTS5 index under the same rowid. The words are prepared in Rust
-- (accents removed, French stems; see src/search/words.rs): FTS5 itself does not stem French.
-- `group_id` is the group whose readers may see the thing, checked inside each search query.
CREATE TABLE search_documents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id BLOB NOT NULL,
    group_id BLOB,
    UNIQUE (kind, item_id)
);
CREATE INDEX search_documents_group ON search_documents(group_id);

CREATE VIRTUAL TABLE search_terms USING fts5(
    title,
    body,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
