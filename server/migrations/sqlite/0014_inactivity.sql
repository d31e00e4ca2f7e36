-- Issue 24: accounts unused for longer than the federation keeps them are closed, a month
-- after their owner was told by e-mail (the time they were told, for each period of absence).
ALTER TABLE people ADD COLUMN inactivity_warned_at TEXT;
