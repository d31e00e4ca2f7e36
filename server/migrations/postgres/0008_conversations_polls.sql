-- Direct conversations (issue 8): one-to-one (`direct`, id derived from the two people) or
-- a small group. `last_message_at` orders a person's list.
CREATE TABLE conversations (
    id UUID PRIMARY KEY,
    direct BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    started_by UUID NOT NULL REFERENCES people(id),
    created_at TIMESTAMPTZ NOT NULL,
    last_message_at TIMESTAMPTZ NOT NULL
);

-- Who takes part; a row stays when one leaves (`left_at`), so that a one-to-one can bring
-- them back. `unread` is kept at each message, never counted on a request.
CREATE TABLE conversation_members (
    conversation_id UUID NOT NULL REFERENCES conversations(id),
    person_id UUID NOT NULL REFERENCES people(id),
    joined_at TIMESTAMPTZ NOT NULL,
    left_at TIMESTAMPTZ,
    unread BIGINT NOT NULL DEFAULT 0,
    last_read_at TIMESTAMPTZ,
    PRIMARY KEY (conversation_id, person_id)
);
CREATE INDEX conversation_members_person ON conversation_members(person_id);

CREATE TABLE messages (
    id UUID PRIMARY KEY,
    conversation_id UUID NOT NULL REFERENCES conversations(id),
    author_id UUID NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_conversation ON messages(conversation_id, created_at);

-- `blocker` no longer receives anything `blocked` writes.
CREATE TABLE blocks (
    blocker_id UUID NOT NULL REFERENCES people(id),
    blocked_id UUID NOT NULL REFERENCES people(id),
    blocked_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id)
);
CREATE INDEX blocks_blocked ON blocks(blocked_id);

-- Polls in groups; `votes` and `voter_count` are kept at each vote.
CREATE TABLE polls (
    id UUID PRIMARY KEY,
    group_id UUID NOT NULL REFERENCES groups(id),
    author_id UUID NOT NULL REFERENCES people(id),
    question TEXT NOT NULL,
    multiple BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    results_shown TEXT NOT NULL,
    closes_at TIMESTAMPTZ NOT NULL,
    closed_at TIMESTAMPTZ,
    voter_count BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX polls_group ON polls(group_id, created_at);
CREATE INDEX polls_open ON polls(closes_at) WHERE closed_at IS NULL;

CREATE TABLE poll_options (
    poll_id UUID NOT NULL REFERENCES polls(id),
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    votes BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (poll_id, position)
);

-- One row per person and option chosen.
CREATE TABLE poll_votes (
    poll_id UUID NOT NULL REFERENCES polls(id),
    person_id UUID NOT NULL REFERENCES people(id),
    position BIGINT NOT NULL,
    voted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (poll_id, person_id, position)
);
CREATE INDEX poll_votes_option ON poll_votes(poll_id, position);

-- A conversation's unread "new messages" notification of a person, found at each message.
CREATE INDEX notifications_subject_unread ON notifications(subject_id, kind) WHERE read_at IS NULL;
