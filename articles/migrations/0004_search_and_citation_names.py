# Full-text search: on PostgreSQL two stored tsvectors (the one that finds matches
# GIN-indexed) in an unaccented 'simple' text search configuration; on SQLite an
# FTS5 table. Each database only gets its own part; the model fields exist on both
# (plain, empty columns on SQLite).

import django.contrib.postgres.search
from django.db import migrations, models

POSTGRES_CONFIG = [
    # Kept on the way back: other database objects may come to use it. (Django's
    # UnaccentExtension is not used: its reverse fails on SQLite.)
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE TEXT SEARCH CONFIGURATION stateup_search (COPY = pg_catalog.simple)",
    # Words with letters outside ASCII go through unaccent first: São -> sao.
    "ALTER TEXT SEARCH CONFIGURATION stateup_search "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple",
]
# Without a pending list ("fastupdate"), each save updates the index at once: briefs
# are written rarely and read often, and query plans stay steady.
POSTGRES_INDEX = (
    "CREATE INDEX article_search_idx ON articles_article "
    "USING gin (search_vector) WITH (fastupdate = off)"
)
SQLITE_TABLE = (
    "CREATE VIRTUAL TABLE articles_search_fts USING fts5("
    "title, summary, body, extra, tokenize = 'unicode61 remove_diacritics 2')"
)


def run_on(vendor, statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == vendor:
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0003_editorial_groups'),
    ]

    operations = [
        migrations.RunPython(
            run_on("postgresql", POSTGRES_CONFIG),
            run_on("postgresql", ["DROP TEXT SEARCH CONFIGURATION stateup_search"]),
        ),
        migrations.AddField(
            model_name='article',
            name='search_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name='article',
            name='search_rank_vector',
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(
            run_on("postgresql", [POSTGRES_INDEX]),
            run_on("postgresql", ["DROP INDEX article_search_idx"]),
        ),
        migrations.RunPython(
            run_on("sqlite", [SQLITE_TABLE]),
            run_on("sqlite", ["DROP TABLE articles_search_fts"]),
        ),
        migrations.AddField(
            model_name='author',
            name='citation_name',
            field=models.CharField(blank=True, help_text='Family name(s), a comma, then given name(s): “García Pérez, María José”. Leave empty to cite the last word of the name as the family name. Without a comma the text is cited as it is (for an organisation).', max_length=160, verbose_name='name in citations'),
        ),
    ]
