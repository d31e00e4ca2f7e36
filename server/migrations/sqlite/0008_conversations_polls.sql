-- Direct conversations (issue 8): one-to-one (`direct`, id derived from the two people) or
-- a small group. `last_message_at` orders a person's list.
CREATE TABLE conversations (
    id BLOB PRIMARY KEY,
    direct INTEGER NOT NULL,
    title TEXT NOT NULL,
    started_by BLOB NOT NULL REFERENCES people(id),
    created_at TEXT NOT NULL,
    last_message_at TEXT NOT NULL
);

-- Who takes part; a row stays when one leaves (`left_at`), so that a one-to-one can bring
-- them back. `unread` is kept at each message, never counted on a request.
CREATE TABLE conversation_members (
    conversation_id BLOB NOT NULL REFERENCES conversations(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    joined_at TEXT NOT NULL,
    left_at TEXT,
    unread INTEGER NOT NULL DEFAULT 0,
    last_read_at TEXT,
    PRIMARY KEY (conversation_id, person_id)
);
CREATE INDEX conversation_members_person ON conversation_members(person_id);

CREATE TABLE messages (
    id BLOB PRIMARY KEY,
    conversation_id BLOB NOT NULL REFERENCES conversations(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);

-- `blocker` no longer receives anything `blocked` writes.
CREATE TABLE blocks (
    blocker_id BLOB NOT NULL REFERENCES people(id),
    blocked_id BLOB NOT NULL REFERENCES people(id),
    blocked_at TEXT NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks(blocked_id);

-- Polls in groups; `votes` and `voter_count` are kept at each vote.
CREATE TABLE polls (
    id BLOB PRIMARY KEY,
    group_id BLOB NOT NULL REFERENCES groups(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    question TEXT NOT NULL,
    multiple INTEGER NOT NULL,
    anonymous INTEGER NOT NULL,
    results_shown TEXT NOT NULL,
    closes_at TEXT NOT NULL,
    closed_at TEXT,
    voter_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);
CREATE INDEX polls_group ON polls(group_id, created_at);
CREATE INDEX polls_open ON polls(closes_at) WHERE closed_at IS NULL;

CREATE TABLE poll_options (
    poll_id BLOB NOT NULL REFERENCES polls(id),
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    votes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, position)
);

-- One row per person and option chosen.
CREATE TABLE poll_votes (
    poll_id BLOB NOT NULL REFERENCES polls(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    position INTEGER NOT NULL,
    voted_at TEXT NOT NULL,
    PRIMARY KEY (poll_id, person_id, position)
);
CREATE INDEX poll_votes_option ON poll_votes(poll_id, position);

-- A conversation's unread "new messages" notification of a person, found at each message.
CREATE INDEX notifications_subject_unread ON notifications(subject_id, kind) WHERE read_at IS NULL;
