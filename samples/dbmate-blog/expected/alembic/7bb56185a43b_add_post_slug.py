"""add post slug

Revision ID: 7bb56185a43b
Revises: 686790aa9667
Create Date: 2023-02-01 15:00:00

Converted by pgmend from:
    20230201150000_add_post_slug.sql (version 20230201150000)
"""
from alembic import op

# revision identifiers, used by Alembic.
revision = "7bb56185a43b"
down_revision = "686790aa9667"
branch_labels = None
depends_on = None


def run_sql(sql: str) -> None:
    """Runs one statement exactly as written.

    Not op.execute(): it passes text through SQLAlchemy text(), which reads ":name" as a
    bind parameter. exec_driver_sql without parameters hands the text to the driver as it
    is (psycopg2 reads "%" only when parameters are given). `alembic upgrade --sql` prints it.
    """
    context = op.get_context()
    if context.as_sql:
        context.impl.static_output(sql + ("\n;" if "--" in sql.rsplit("\n", 1)[-1] else ";"))
    else:
        op.get_bind().exec_driver_sql(sql, execution_options={"no_parameters": True})


def upgrade() -> None:
    # 20230201150000_add_post_slug.sql:2
    run_sql("""ALTER TABLE posts ADD COLUMN IF NOT EXISTS slug text""")

    # 20230201150000_add_post_slug.sql:4
    run_sql("""UPDATE posts
   SET slug = lower(regexp_replace(title, '[^a-zA-Z0-9]+', '-', 'g')) || '-' || id
 WHERE slug IS NULL""")

    # 20230201150000_add_post_slug.sql:8
    run_sql("""ALTER TABLE posts ALTER COLUMN slug SET NOT NULL""")

    # 20230201150000_add_post_slug.sql:10
    run_sql("""CREATE UNIQUE INDEX IF NOT EXISTS posts_slug_key ON posts (slug)""")


def downgrade() -> None:
    # 20230201150000_add_post_slug.sql:13
    run_sql("""DROP INDEX IF EXISTS posts_slug_key""")

    # 20230201150000_add_post_slug.sql:14
    run_sql("""ALTER TABLE posts DROP COLUMN IF EXISTS slug""")
