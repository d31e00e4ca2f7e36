-- Issue 24: copies of people's data (GDPR art. 15 and 20), prepared in the background and
-- offered for download for 7 days through a link that carries its own key (`download_key`:
-- kept as is, since whoever reads this table reads what the archive copies anyway).
-- `requested_by` is the administrator who asked for someone (who asked by letter), or NULL.
CREATE TABLE data_exports (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people(id),
    requested_by UUID REFERENCES people(id),
    state TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    size BIGINT,
    download_key TEXT UNIQUE,
    created_at TIMESTAMPTZ NOT NULL,
    started_at TIMESTAMPTZ,
    ready_at TIMESTAMPTZ,
    expires_at TIMESTAMPTZ
);
CREATE INDEX data_exports_person ON data_exports(person_id, created_at);
CREATE INDEX data_exports_waiting ON data_exports(created_at) WHERE state IN ('waiting', 'preparing');
CREATE INDEX data_exports_expiring ON data_exports(expires_at) WHERE state = 'ready';
