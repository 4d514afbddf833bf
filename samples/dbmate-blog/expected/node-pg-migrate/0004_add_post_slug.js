/*
 * add post slug
 *
 * Converted by pgmend from:
 *     20230201150000_add_post_slug.sql (version 20230201150000)
 *
 * pgm.sql() is called without arguments, so `{name}` in the SQL is not a placeholder.
 */

exports.shorthands = undefined;

exports.up = (pgm) => {
  // 20230201150000_add_post_slug.sql:2
  pgm.sql(`ALTER TABLE posts ADD COLUMN IF NOT EXISTS slug text;`);

  // 20230201150000_add_post_slug.sql:4
  pgm.sql(`UPDATE posts
   SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id
 WHERE slug IS NULL;`);

  // 20230201150000_add_post_slug.sql:8
  pgm.sql(`ALTER TABLE posts ALTER COLUMN slug SET NOT NULL;`);

  // 20230201150000_add_post_slug.sql:10
  pgm.sql(`CREATE UNIQUE INDEX IF NOT EXISTS posts_slug_key ON posts (slug);`);
};

exports.down = (pgm) => {
  // 20230201150000_add_post_slug.sql:13
  pgm.sql(`DROP INDEX IF EXISTS posts_slug_key;`);

  // 20230201150000_add_post_slug.sql:14
  pgm.sql(`ALTER TABLE posts DROP COLUMN IF EXISTS slug;`);
};
