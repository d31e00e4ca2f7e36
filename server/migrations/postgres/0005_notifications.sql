-- Notifications (DESIGN.md §6): one list per person, synced in the person's scope.
CREATE TABLE notifications (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people(id),
    kind TEXT NOT NULL,
    subject_id UUID NOT NULL,
    group_id UUID,
    actor_id UUID NOT NULL,
    text TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    read_at TIMESTAMPTZ
);
CREATE INDEX notifications_person ON notifications(person_id, read_at);

-- A device's Web Push subscription, tied to the session that registered it (gone with it).
CREATE TABLE push_subscriptions (
    id UUID PRIMARY KEY,
    person_id UUID NOT NULL REFERENCES people(id),
    session_hash BYTEA NOT NULL,
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    label TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_subscriptions_person ON push_subscriptions(person_id);
CREATE INDEX push_subscriptions_session ON push_subscriptions(session_hash);

-- The push outbox: one row per (notification, subscription), written in the same
-- transaction as its cause. `state`: waiting → sending (claimed until `claimed_until` by
-- one sender) → sent | failed | gone (the subscription was refused by its push service).
CREATE TABLE push_deliveries (
    id BIGSERIAL PRIMARY KEY,
    subscription_id UUID NOT NULL,
    endpoint TEXT NOT NULL,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    payload TEXT NOT NULL,
    topic TEXT,
    urgency TEXT NOT NULL,
    ttl BIGINT NOT NULL,
    state TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    not_before TIMESTAMPTZ NOT NULL,
    claimed_until TIMESTAMPTZ,
    last_error TEXT,
    created_at TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ
);
CREATE INDEX push_deliveries_due ON push_deliveries(not_before) WHERE state IN ('waiting', 'sending');
CREATE INDEX push_deliveries_finished ON push_deliveries(finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX push_deliveries_subscription ON push_deliveries(subscription_id);
