-- Attachments (issue 8): a file uploaded by `owner_id`, stored once per content under
-- `<data dir>/attachments/` by the SHA-256 of the bytes kept (a photo's cleaned copy), then
-- put on one item (`attached_to`, `item_id`) by the mutation that publishes it.
CREATE TABLE attachments (
    id UUID PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES people(id),
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    name TEXT NOT NULL,
    size BIGINT NOT NULL,
    width BIGINT,
    height BIGINT,
    created_at TIMESTAMPTZ NOT NULL,
    attached_to TEXT,
    item_id UUID
);
CREATE INDEX attachments_item ON attachments(item_id);
CREATE INDEX attachments_owner_unattached ON attachments(owner_id, created_at) WHERE item_id IS NULL;
