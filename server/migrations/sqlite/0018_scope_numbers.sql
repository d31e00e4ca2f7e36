-- Issue 23: a cursor that stays small whatever the number of groups. Instead of listing
-- every scope it holds, a cursor holds the change number up to which it took the person's
-- scopes into account; each scope row says when it was last granted or revoked.
--
-- `seq`: the change number of the transaction that last granted or revoked the scope
--        (NULL only inside that transaction, until it takes its numbers; 0 for the scopes
--        granted before this migration, which every existing cursor already knows).
-- `revoked`: the person may no longer read it: a tombstone, kept until the change log is
--        compacted past it, so that a device that was away still purges it.
-- `regranted`: granted again after a revocation: a device may still hold what it had, so
--        its next pull purges it before sending it afresh.
ALTER TABLE person_scopes ADD COLUMN seq BIGINT DEFAULT 0;
ALTER TABLE person_scopes ADD COLUMN revoked BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE person_scopes ADD COLUMN regranted BOOLEAN NOT NULL DEFAULT false;
-- The rows a writing transaction still has to number (only ever a few, and only inside it).
CREATE INDEX person_scopes_unnumbered ON person_scopes (person_id) WHERE seq IS NULL;
