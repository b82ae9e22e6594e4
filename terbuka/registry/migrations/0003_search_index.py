"""The search index over ``InformationItem.search_text`` (stemmed words, see registry/search.py).

SQLite: an FTS5 table with external content (the item table), kept in step by triggers, ranked by bm25.
PostgreSQL: a GIN index over ``to_tsvector('simple', search_text)`` (the words are stemmed already, so the
'simple' configuration only splits them), and a trigram index on the title for typo tolerance when the
``pg_trgm`` extension can be created (skipped quietly where the role may not create extensions).
"""

from django.db import migrations

SQLITE_UP = [
    "CREATE VIRTUAL TABLE registry_item_fts USING fts5("
    "search_text, content='registry_informationitem', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER registry_item_fts_ai AFTER INSERT ON registry_informationitem BEGIN "
    "INSERT INTO registry_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER registry_item_fts_ad AFTER DELETE ON registry_informationitem BEGIN "
    "INSERT INTO registry_item_fts(registry_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER registry_item_fts_au AFTER UPDATE OF search_text ON registry_informationitem BEGIN "
    "INSERT INTO registry_item_fts(registry_item_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO registry_item_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "INSERT INTO registry_item_fts(registry_item_fts) VALUES ('rebuild')",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS registry_item_fts_ai",
    "DROP TRIGGER IF EXISTS registry_item_fts_ad",
    "DROP TRIGGER IF EXISTS registry_item_fts_au",
    "DROP TABLE IF EXISTS registry_item_fts",
]
PG_UP = [
    "CREATE INDEX registry_item_search_gin ON registry_informationitem "
    "USING gin (to_tsvector('simple', search_text))",
    "DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; "
    "EXCEPTION WHEN OTHERS THEN RAISE NOTICE 'pg_trgm not available'; END $$",
    "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN "
    "CREATE INDEX registry_item_title_trgm ON registry_informationitem USING gin (lower(title) gin_trgm_ops); "
    "END IF; END $$",
]
PG_DOWN = [
    "DROP INDEX IF EXISTS registry_item_title_trgm",
    "DROP INDEX IF EXISTS registry_item_search_gin",
]


def up(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_UP if vendor == "sqlite" else PG_UP if vendor == "postgresql" else []:
        schema_editor.execute(sql)


def down(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    for sql in SQLITE_DOWN if vendor == "sqlite" else PG_DOWN if vendor == "postgresql" else []:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_dip_editions_attachments")]
    operations = [migrations.RunPython(up, down)]
