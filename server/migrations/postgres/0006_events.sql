-- Events (issue 5): held by a group, answered going / maybe / declined, with a waiting list.
CREATE TABLE events (
    id UUID PRIMARY KEY,
    group_id UUID NOT NULL REFERENCES groups(id),
    author_id UUID NOT NULL REFERENCES people(id),
    title TEXT NOT NULL,
    description TEXT NOT NULL,
    starts_at TIMESTAMPTZ NOT NULL,
    ends_at TIMESTAMPTZ NOT NULL,
    time_zone TEXT NOT NULL,
    place TEXT NOT NULL,
    online_url TEXT NOT NULL,
    capacity BIGINT,
    going_count BIGINT NOT NULL DEFAULT 0,
    maybe_count BIGINT NOT NULL DEFAULT 0,
    waiting_count BIGINT NOT NULL DEFAULT 0,
    cancelled_at TIMESTAMPTZ,
    created_at TIMESTAMPTZ NOT NULL,
    edited_at TIMESTAMPTZ
);
CREATE INDEX events_group ON events(group_id, starts_at);

-- One answer per person and event. `answered_at` orders the waiting list (first come, first in).
CREATE TABLE event_rsvps (
    event_id UUID NOT NULL REFERENCES events(id),
    person_id UUID NOT NULL REFERENCES people(id),
    status TEXT NOT NULL,
    answered_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, person_id)
);
CREATE INDEX event_rsvps_person ON event_rsvps(person_id);
CREATE INDEX event_rsvps_waiting ON event_rsvps(event_id, status, answered_at);

-- Reminders to come (24 h and 1 h before); a row leaves when its reminder is sent, and
-- the rows of an event are written again when its start moves.
CREATE TABLE event_reminders (
    event_id UUID NOT NULL REFERENCES events(id),
    lead_minutes BIGINT NOT NULL,
    due_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, lead_minutes)
);
CREATE INDEX event_reminders_due ON event_reminders(due_at);

-- Organisers' messages: kept for the rate limit (per organiser and group, per day) and the record.
CREATE TABLE announcements (
    id UUID PRIMARY KEY,
    group_id UUID NOT NULL REFERENCES groups(id),
    event_id UUID,
    author_id UUID NOT NULL REFERENCES people(id),
    text TEXT NOT NULL,
    reached BIGINT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX announcements_author ON announcements(author_id, group_id, created_at);

-- A person's secret calendar address (only its hash is kept).
CREATE TABLE calendar_feeds (
    person_id UUID PRIMARY KEY REFERENCES people(id),
    token_hash BYTEA NOT NULL UNIQUE,
    created_at TIMESTAMPTZ NOT NULL
);

-- How each person wants to be told; no row: the defaults (Europe/Paris, no quiet hours).
CREATE TABLE notification_settings (
    person_id UUID PRIMARY KEY REFERENCES people(id),
    time_zone TEXT NOT NULL,
    quiet_start BIGINT,
    quiet_end BIGINT,
    muted_kinds TEXT NOT NULL
);
-- Groups whose level is not the default ('important').
CREATE TABLE group_notification_levels (
    person_id UUID NOT NULL REFERENCES people(id),
    group_id UUID NOT NULL REFERENCES groups(id),
    level TEXT NOT NULL,
    PRIMARY KEY (person_id, group_id)
);

-- Notifications that stand for several things (new posts collapsed per group).
ALTER TABLE notifications ADD COLUMN count BIGINT NOT NULL DEFAULT 1;
CREATE INDEX notifications_collapse ON notifications(group_id, kind, created_at) WHERE read_at IS NULL;
-- Notifications are kept 90 days (notifications::forget_old walks them oldest first).
CREATE INDEX notifications_created ON notifications(created_at);
