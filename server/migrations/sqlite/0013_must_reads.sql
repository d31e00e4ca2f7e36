-- Issue 22: must-read messages. The message is carried by its audience's scope (an
-- organisation's, read by every person of its subtree, or a group's); who it was sent to and
-- where each one stands is one row per recipient; the counts are kept as they change, so the
-- reach is read in one row however large the audience.
CREATE TABLE must_reads (
    id BLOB PRIMARY KEY,
    author_id BLOB NOT NULL REFERENCES people(id),
    organisation_id BLOB REFERENCES organisations(id),
    group_id BLOB REFERENCES groups(id),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    mail_after TEXT NOT NULL,
    recipients BIGINT NOT NULL DEFAULT 0,
    read_in_app BIGINT NOT NULL DEFAULT 0,
    mailed BIGINT NOT NULL DEFAULT 0,
    mailing_done_at TEXT
);
CREATE INDEX must_reads_author ON must_reads(author_id, created_at);
CREATE INDEX must_reads_created ON must_reads(created_at);
CREATE INDEX must_reads_mail_due ON must_reads(mail_after) WHERE mailing_done_at IS NULL;

CREATE TABLE must_read_recipients (
    must_read_id BLOB NOT NULL REFERENCES must_reads(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    read_at TEXT,
    mailed_at TEXT,
    PRIMARY KEY (must_read_id, person_id)
);
-- What a person has still to read (their digest), and who is still to mail (a round).
CREATE INDEX must_read_recipients_person ON must_read_recipients(person_id) WHERE read_at IS NULL;
CREATE INDEX must_read_recipients_unmailed ON must_read_recipients(must_read_id, person_id)
    WHERE read_at IS NULL AND mailed_at IS NULL;

-- Every person reads the scope of their organisation and of each organisation above it.
WITH RECURSIVE chain(person_id, organisation_id) AS (
    SELECT id, organisation_id FROM people
    UNION
    SELECT c.person_id, o.parent_id FROM chain c JOIN organisations o ON o.id = c.organisation_id
    WHERE o.parent_id IS NOT NULL
)
INSERT INTO person_scopes (person_id, scope)
SELECT person_id, 'organisation:' || lower(substr(hex(organisation_id), 1, 8) || '-' || substr(hex(organisation_id), 9, 4)
    || '-' || substr(hex(organisation_id), 13, 4) || '-' || substr(hex(organisation_id), 17, 4) || '-'
    || substr(hex(organisation_id), 21)) FROM chain WHERE true
ON CONFLICT (person_id, scope) DO NOTHING;
