-- Questions asked to one or more groups, their answers and the comments on answers.
CREATE TABLE questions (
    id BLOB PRIMARY KEY,
    author_id BLOB NOT NULL REFERENCES people(id),
    title TEXT NOT NULL,
    details TEXT NOT NULL,
    tags TEXT NOT NULL,
    accepted_answer_id BLOB,
    answer_count BIGINT NOT NULL DEFAULT 0,
    -- 0: not escalated; 1: sent to the groups' organisers; 2: sent to the federation's group.
    escalation_level BIGINT NOT NULL DEFAULT 0,
    escalated_at TEXT,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT
);
-- The escalation sweep reads open, unanswered questions by age.
CREATE INDEX questions_waiting ON questions(escalation_level, created_at) WHERE deleted_at IS NULL AND answer_count = 0;

CREATE TABLE question_groups (
    question_id BLOB NOT NULL REFERENCES questions(id),
    group_id BLOB NOT NULL REFERENCES groups(id),
    PRIMARY KEY (question_id, group_id)
);
CREATE INDEX question_groups_group ON question_groups(group_id);

-- Topic tags, one row each, matched against people's skills.
CREATE TABLE question_tags (
    question_id BLOB NOT NULL REFERENCES questions(id),
    tag TEXT NOT NULL,
    PRIMARY KEY (question_id, tag)
);
CREATE INDEX question_tags_tag ON question_tags(tag);

CREATE TABLE answers (
    id BLOB PRIMARY KEY,
    question_id BLOB NOT NULL REFERENCES questions(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    edited_at TEXT,
    deleted_at TEXT
);
CREATE INDEX answers_question ON answers(question_id, created_at);

CREATE TABLE answer_comments (
    id BLOB PRIMARY KEY,
    answer_id BLOB NOT NULL REFERENCES answers(id),
    question_id BLOB NOT NULL REFERENCES questions(id),
    author_id BLOB NOT NULL REFERENCES people(id),
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX answer_comments_answer ON answer_comments(answer_id);

CREATE TABLE question_followers (
    question_id BLOB NOT NULL REFERENCES questions(id),
    person_id BLOB NOT NULL REFERENCES people(id),
    PRIMARY KEY (question_id, person_id)
);

-- Settings the administrators choose (the federation's escalation group).
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
