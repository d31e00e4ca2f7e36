-- The administrators' console and moderation (issue 6).

-- Console sign-ins, apart from the apps' bearer sessions: a cookie, shorter lived, listed
-- and revocable one by one. Only the token's SHA-256 is kept.
CREATE TABLE admin_sessions (
    id BLOB NOT NULL UNIQUE,
    token_hash BLOB PRIMARY KEY,
    person_id BLOB NOT NULL REFERENCES people(id),
    user_agent TEXT NOT NULL,
    ip TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX admin_sessions_person ON admin_sessions(person_id);

-- People: until when one is suspended by moderation, and the charter version accepted last.
ALTER TABLE people ADD COLUMN suspended_until TEXT;
ALTER TABLE people ADD COLUMN charter_version BIGINT;
CREATE INDEX people_name ON people(display_name, id);
-- The console's people of one association, by name; and counts of active people.
CREATE INDEX people_organisation_name ON people(organisation_id, display_name, id);
CREATE INDEX people_active ON people(organisation_id) WHERE deactivated_at IS NULL;

-- The charter, versioned: the newest version is the one in force.
CREATE TABLE charter_versions (
    version BIGINT PRIMARY KEY,
    text TEXT NOT NULL,
    published_by BLOB NOT NULL REFERENCES people(id),
    published_at TEXT NOT NULL
);
CREATE TABLE charter_acceptances (
    person_id BLOB NOT NULL REFERENCES people(id),
    version BIGINT NOT NULL REFERENCES charter_versions(version),
    accepted_at TEXT NOT NULL,
    PRIMARY KEY (person_id, version)
);
CREATE INDEX charter_acceptances_version ON charter_acceptances(version, accepted_at);

-- Moderation: one case per reported thing while it is open; further reports join it.
-- `excerpt` keeps what was reported as it was, for the handler (erased when deleted).
CREATE TABLE moderation_cases (
    id BLOB PRIMARY KEY,
    target_kind TEXT NOT NULL,
    target_id BLOB NOT NULL,
    group_id BLOB,
    author_id BLOB NOT NULL REFERENCES people(id),
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    excerpt TEXT NOT NULL,
    state TEXT NOT NULL,
    handler_id BLOB REFERENCES people(id),
    decision TEXT,
    decision_reason TEXT,
    suspended_until TEXT,
    report_count BIGINT NOT NULL,
    opened_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX moderation_cases_state ON moderation_cases(state, opened_at);
CREATE INDEX moderation_cases_target ON moderation_cases(target_id, state);
CREATE INDEX moderation_cases_organisation ON moderation_cases(organisation_id, opened_at);
CREATE INDEX moderation_cases_group ON moderation_cases(group_id, state);

CREATE TABLE moderation_reports (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES moderation_cases(id),
    reporter_id BLOB NOT NULL REFERENCES people(id),
    reason TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX moderation_reports_case ON moderation_reports(case_id);

-- Each case's history: reported, taken, released, decided.
CREATE TABLE moderation_case_events (
    id BLOB PRIMARY KEY,
    case_id BLOB NOT NULL REFERENCES moderation_cases(id),
    actor_id BLOB REFERENCES people(id),
    action TEXT NOT NULL,
    details TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX moderation_case_events_case ON moderation_case_events(case_id, created_at);

-- Activity per association and day, counted as things happen (never per person in a view).
CREATE TABLE activity_days (
    organisation_id BLOB NOT NULL REFERENCES organisations(id),
    day TEXT NOT NULL,
    posts BIGINT NOT NULL DEFAULT 0,
    questions_asked BIGINT NOT NULL DEFAULT 0,
    answers BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (organisation_id, day)
);
-- Who was active on a day (one row per person and day): counted distinct over a window,
-- kept 40 days.
CREATE TABLE activity_people (
    organisation_id BLOB NOT NULL,
    day TEXT NOT NULL,
    person_id BLOB NOT NULL,
    PRIMARY KEY (organisation_id, day, person_id)
);
-- Each question's first answer, for the median time to it and the unanswered count.
CREATE TABLE activity_questions (
    question_id BLOB PRIMARY KEY,
    organisation_id BLOB NOT NULL,
    asked_at TEXT NOT NULL,
    first_answer_seconds BIGINT
);
CREATE INDEX activity_questions_organisation ON activity_questions(organisation_id, asked_at);
CREATE INDEX audit_log_action ON audit_log(action, created_at);
-- The audit log newest first, a page at a time, without sorting it all.
CREATE INDEX audit_log_created_id ON audit_log(created_at, id);
