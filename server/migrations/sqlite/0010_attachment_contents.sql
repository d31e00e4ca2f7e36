-- Issue 18: "does a row still point to this content?" (`sha256` is `<kept>:<original>`, the
-- kept content's digest being its first 64 characters) without reading the whole table, for
-- refused uploads and the sweep of files without rows.
CREATE INDEX attachments_content ON attachments(substr(sha256, 1, 64));
