-- Issue 22: e-mail. Mails leave from a durable outbox written in the same transaction as
-- their cause (`cause` is unique: one cause is never mailed twice). `message` is the whole
-- RFC 5322 message, kept only until it is sent (it may carry a one-time link).
CREATE TABLE mail_outbox (
    id BIGSERIAL PRIMARY KEY,
    cause TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    recipient TEXT NOT NULL,
    message BYTEA,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    not_before TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX mail_outbox_due ON mail_outbox(not_before) WHERE state IN ('waiting', 'sending');
CREATE INDEX mail_outbox_finished ON mail_outbox(finished_at) WHERE finished_at IS NOT NULL;

-- A password-reset link: single use, valid one hour; only the token's hash is kept.
CREATE TABLE password_resets (
    id UUID PRIMARY KEY,
    token_hash BYTEA NOT NULL UNIQUE,
    person_id UUID NOT NULL REFERENCES people(id),
    requested_by UUID REFERENCES people(id),
    created_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    used_at TIMESTAMPTZ
);
CREATE INDEX password_resets_person ON password_resets(person_id);

-- Invitations are listed in the console, resent (a new code, mailed again: `sent` counts the
-- mails, each its own cause) or withdrawn (the code stops working).
ALTER TABLE invitations ADD COLUMN withdrawn_at TIMESTAMPTZ;
ALTER TABLE invitations ADD COLUMN sent BIGINT NOT NULL DEFAULT 1;
CREATE INDEX invitations_created ON invitations(created_at);

-- Digests for people who rarely open the app: each person's choice (`weekly` by default,
-- `daily`, `off`) and language, when they last used the app (kept to the hour), when the
-- next digest is considered (`NULL`: at the next round), and the token of the one-click
-- unsubscribe link their digests carry.
ALTER TABLE people ADD COLUMN language TEXT NOT NULL DEFAULT 'fr';
ALTER TABLE people ADD COLUMN digest TEXT NOT NULL DEFAULT 'weekly';
ALTER TABLE people ADD COLUMN last_seen_at TIMESTAMPTZ;
ALTER TABLE people ADD COLUMN digest_due_at TIMESTAMPTZ;
ALTER TABLE people ADD COLUMN digest_token TEXT;
CREATE INDEX people_digest_due ON people(digest_due_at);
CREATE UNIQUE INDEX people_digest_token ON people(digest_token);
