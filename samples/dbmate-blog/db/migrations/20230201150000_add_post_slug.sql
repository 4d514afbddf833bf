-- migrate:up
ALTER TABLE posts ADD COLUMN slug text;

UPDATE posts
   SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id
 WHERE slug IS NULL;

ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;

CREATE UNIQUE INDEX posts_slug_key ON posts (slug);

-- migrate:down
DROP INDEX posts_slug_key;
ALTER TABLE posts DROP COLUMN slug;
