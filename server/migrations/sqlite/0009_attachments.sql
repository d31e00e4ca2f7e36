-- Attachments (issue 8): a file uploaded by `owner_id`, stored once per content under
-- `<data dir>/attachments/` by the SHA-256 of the bytes kept (a photo's cleaned copy), then
-- put on one item (`attached_to`, `item_id`) by the mutation that publishes it.
CREATE TABLE attachments (
    id BLOB PRIMARY KEY,
    owner_id BLOB NOT NULL REFERENCES people(id),
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    created_at TEXT NOT NULL,
    attached_to TEXT,
    item_id BLOB
);
CREATE INDEX attachments_item ON attachments(item_id);
CREATE INDEX attachments_owner_unattached ON attachments(owner_id, created_at) WHERE item_id IS NULL;
