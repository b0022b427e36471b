# Full-text index of the reports' description and address: FTS5 with triggers on SQLite,
# a GIN index on a `german` tsvector expression on PostgreSQL. Existing reports are indexed.

from django.db import migrations

from quartier.reports import search_index


def install(apps, schema_editor):
    search_index.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    search_index.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0010_report_map_bbox_index"),
    ]

    operations = [
        migrations.RunPython(install, uninstall, elidable=False),
    ]
