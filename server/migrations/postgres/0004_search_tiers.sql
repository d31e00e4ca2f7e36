-- Compaction looks for the newest old tombstone: only tombstones in this index.
CREATE INDEX sync_log_tombstones ON sync_log(seq, changed_at) WHERE deleted;
