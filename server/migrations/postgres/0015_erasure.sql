-- Issue 24: erasing an account (GDPR art. 17). Asked by the person (`self`) or by an
-- administrator (`administrator`, for someone who asked by letter); final at
-- `erasure_due_at` (a grace period during which it can be cancelled), then `erased_at`.
ALTER TABLE people ADD COLUMN erasure_due_at TIMESTAMPTZ;
ALTER TABLE people ADD COLUMN erasure_asked_by TEXT;
ALTER TABLE people ADD COLUMN erased_at TIMESTAMPTZ;
CREATE INDEX people_erasure_due ON people(erasure_due_at) WHERE erasure_due_at IS NOT NULL;
