-- migrate:up transaction:false
CREATE INDEX CONCURRENTLY posts_published_at_idx
    ON posts (published_at DESC)
    WHERE published_at IS NOT NULL;

-- migrate:down transaction:false
DROP INDEX CONCURRENTLY posts_published_at_idx;
