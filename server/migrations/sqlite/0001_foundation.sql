-- Fabrique schema, first version. Ids are client- or server-generated UUIDs.
-- Timestamps are always bound from Rust.

CREATE TABLE organisations (
    id BLOB PRIMARY KEY,
    parent_id BLOB REFERENCES organisations(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    archived_at TEXT
);
CREATE INDEX organisations_parent ON organisations(parent_id);

CREATE TABLE people (
    id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    email TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    function TEXT NOT NULL DEFAULT '',
    bio TEXT NOT NULL DEFAULT '',
    directory_visibility TEXT NOT NULL DEFAULT 'association',
    platform_role TEXT NOT NULL DEFAULT 'member',
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deactivated_at TEXT
);
CREATE INDEX people_organisation ON people(organisation_id);

-- Skills and interests as normalised tags, one row each, for the directory.
CREATE TABLE person_tags (
    person_id BLOB NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (person_id, kind, tag)
);
CREATE INDEX person_tags_tag ON person_tags(kind, tag);

CREATE TABLE organisation_managers (
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    PRIMARY KEY (organisation_id, person_id)
);
CREATE INDEX organisation_managers_person ON organisation_managers(person_id);

CREATE TABLE sessions (
    token_hash BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX sessions_person ON sessions(person_id);

CREATE TABLE invitations (
    id BLOB PRIMARY KEY,
    code_hash BLOB NOT NULL UNIQUE,
    email TEXT NOT NULL,
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    invited_by BLOB REFERENCES people(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    redeemed_at TEXT
);

-- The one-time code that creates the first federation administrator.
CREATE TABLE setup_codes (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    code_hash BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- Fixed-window counters shared by every server instance.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    count BIGINT NOT NULL
);

CREATE TABLE groups (
    id BLOB PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    visibility TEXT NOT NULL,
    tags TEXT NOT NULL,
    member_count BIGINT NOT NULL DEFAULT 0,
    created_by BLOB NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX groups_name ON groups(name, id);

CREATE TABLE group_members (
    group_id BLOB NOT NULL REFERENCES groups(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    role TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_members_person ON group_members(person_id);

CREATE TABLE group_followers (
    group_id BLOB NOT NULL REFERENCES groups(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_followers_person ON group_followers(person_id);

CREATE TABLE join_requests (
    group_id BLOB NOT NULL REFERENCES groups(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    message TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);

CREATE TABLE group_invitations (
    group_id BLOB NOT NULL REFERENCES groups(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    invited_by BLOB NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (group_id, person_id)
);
CREATE INDEX group_invitations_person ON group_invitations(person_id);

CREATE TABLE posts (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES groups(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    comment_count BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT
);
CREATE INDEX posts_group_created ON posts(group_id, created_at, id);

CREATE TABLE comments (
    id BLOB PRIMARY KEY,
    post_id BLOB NOT NULL REFERENCES posts(id),
    group_id BLOB NOT NULL REFERENCES groups(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT
);
CREATE INDEX comments_post_created ON comments(post_id, created_at, id);

CREATE TABLE reactions (
    id BLOB PRIMARY KEY,
    target_id BLOB NOT NULL,
    group_id BLOB NOT NULL REFERENCES groups(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    emoji TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX reactions_target ON reactions(target_id);

-- Sync: each device install's progress, and the outcome of each of its mutations.
CREATE TABLE sync_clients (
    client_id BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people(id),
    last_mutation_id BIGINT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE sync_mutations (
    client_id BLOB NOT NULL REFERENCES sync_clients(client_id),
    mutation_id BIGINT NOT NULL,
    outcome TEXT NOT NULL,
    error_code TEXT,
    error_message TEXT,
    processed_at TEXT NOT NULL,
    PRIMARY KEY (client_id, mutation_id)
);

-- The scopes each person may read now (their own, their groups', the admin side of the
-- groups they run), kept up to date by every membership change so that a pull reads them
-- in one row instead of recomputing them.
CREATE TABLE person_scopes (
    person_id BLOB NOT NULL REFERENCES people(id),
    scope TEXT NOT NULL,
    PRIMARY KEY (person_id, scope)
);

-- The change counter: taken (row-locked) at the end of each writing transaction, so
-- sequence numbers follow commit order and a cursor never skips a change.
CREATE TABLE sync_counter (
    id BIGINT PRIMARY KEY CHECK (id = 1),
    value BIGINT NOT NULL,
    -- Tombstones at or below this sequence were compacted away: older cursors get a reset.
    compacted_through BIGINT NOT NULL
);
INSERT INTO sync_counter (id, value, compacted_through) VALUES (1, 0, 0);

-- The latest state of every object in every scope that shows it. `line` is the change
-- exactly as a pull sends it (JSON, sequence number included), so that a page of changes
-- is read as one aggregated string; a deleted object keeps a tombstone line.
CREATE TABLE sync_log (
    scope TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id BLOB NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    line TEXT NOT NULL,
    deleted INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    PRIMARY KEY (scope, kind, entity_id)
);
CREATE INDEX sync_log_scope_seq ON sync_log(scope, seq);

CREATE TABLE audit_log (
    id BLOB PRIMARY KEY,
    actor_id BLOB,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id BLOB,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX audit_log_created ON audit_log(created_at);
