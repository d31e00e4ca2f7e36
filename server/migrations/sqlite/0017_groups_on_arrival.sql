-- Issue 20: groups every new member joins ('join') or follows ('follow', public groups only)
-- on arrival, for newcomers of the group's organisation and of the organisations below it.
-- Set by federation administrators in the console.
ALTER TABLE groups ADD COLUMN on_arrival TEXT CHECK (on_arrival IN ('join', 'follow'));
CREATE INDEX groups_on_arrival ON groups (organisation_id) WHERE on_arrival IS NOT NULL;
