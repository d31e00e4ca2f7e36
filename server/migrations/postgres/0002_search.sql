-- Search (DESIGN.md §7): one row per searchable thing (a post, a group, a person) with its
-- words as a tsvector in French without accents (unaccent, then the French stemmer), so
-- "evenement" finds "événements". `group_id` is the group whose readers may see the thing,
-- checked inside each search query.
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION fabrique_french (COPY = french);
ALTER TEXT SEARCH CONFIGURATION fabrique_french
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem;

CREATE TABLE search_documents (
    id BIGSERIAL PRIMARY KEY,
    kind TEXT NOT NULL,
    item_id UUID NOT NULL,
    group_id UUID,
    document TSVECTOR NOT NULL,
    UNIQUE (kind, item_id)
);
CREATE INDEX search_documents_document ON search_documents USING GIN (document);
CREATE INDEX search_documents_group ON search_documents(group_id);

-- What existed before search is found too.
INSERT INTO search_documents (kind, item_id, group_id, document)
SELECT 'post', p.id, p.group_id,
       setweight(to_tsvector('fabrique_french', p.title), 'A') || setweight(to_tsvector('fabrique_french', p.body), 'B')
FROM posts p WHERE p.deleted_at IS NULL;

INSERT INTO search_documents (kind, item_id, group_id, document)
SELECT 'group', g.id, NULL,
       setweight(to_tsvector('fabrique_french', g.name), 'A') || setweight(to_tsvector('fabrique_french', g.description || ' ' || g.tags), 'B')
FROM groups g WHERE g.deleted_at IS NULL;

INSERT INTO search_documents (kind, item_id, group_id, document)
SELECT 'person', p.id, NULL,
       setweight(to_tsvector('fabrique_french', p.display_name), 'A') ||
       setweight(to_tsvector('fabrique_french', p.function || ' ' || o.name || ' ' ||
           COALESCE((SELECT string_agg(t.tag, ' ') FROM person_tags t WHERE t.person_id = p.id), '')), 'B')
FROM people p JOIN organisations o ON o.id = p.organisation_id WHERE p.deactivated_at IS NULL;
