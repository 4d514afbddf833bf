/*
 * posts published index
 *
 * Converted by pgmend from:
 *     20230120101500_posts_published_index.sql (version 20230120101500)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // Postgres refuses some of these statements inside a transaction block.
  pgm.noTransaction();
  // 20230120101500_posts_published_index.sql:2
  pgm.sql(`DO $pgmend$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('"posts_published_at_idx"') AND NOT indisvalid) THEN
DROP INDEX posts_published_at_idx;
  END IF;
END
$pgmend$;`);

  // 20230120101500_posts_published_index.sql:2
  pgm.sql(`CREATE INDEX CONCURRENTLY IF NOT EXISTS posts_published_at_idx
    ON posts (published_at DESC)
    WHERE published_at IS NOT NULL;`);
};

exports.down = (pgm) => {
  // Postgres refuses some of these statements inside a transaction block.
  pgm.noTransaction();
  // 20230120101500_posts_published_index.sql:7
  pgm.sql(`DROP INDEX CONCURRENTLY IF EXISTS posts_published_at_idx;`);
};
