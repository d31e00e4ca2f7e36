-- Issue 23: fewer pages written by each post.
--
-- `search_documents(group_id)` was indexed, but no query looks documents up by their group
-- (search checks a hit's group through `groups`' own key): the index only cost a page of the
-- write-ahead log for each post, at its group's place.
DROP INDEX search_documents_group;
-- Only refused mutations keep a row: a mutation at or below its client's last one with no
-- row was applied (`sync::push`). The rows that said "applied" answered nothing.
DELETE FROM sync_mutations WHERE outcome = 'applied';
