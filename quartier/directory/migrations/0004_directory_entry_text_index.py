# Text index of the Wegweiser entries (name, provider, description) for word parts: FTS5 with
# the trigram tokenizer and triggers on SQLite, pg_trgm GIN on PostgreSQL. Existing entries
# are indexed.

from django.db import migrations

from quartier.directory import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_topics_from_taxonomy_app"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
