-- Issue 18: sign-in throttling that slows an attacker without locking the owner out. A row
-- per (account, address) and per address counts failed sign-ins; past a few, each failure
-- blocks that key a little longer (`blocked_until`, Unix seconds). Rows older than a day
-- are forgotten by the maintenance loop.
CREATE TABLE sign_in_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    blocked_until BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
