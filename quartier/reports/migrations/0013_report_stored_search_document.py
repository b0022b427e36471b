# PostgreSQL: the reports' tsvector is kept in a stored generated column (`search_document`)
# with a GIN index, instead of a GIN index on the expression, so that a search with many hits
# can test each row cheaply while walking the reports newest first (ADR 0016). Adding the
# column rewrites the table once (about a minute at 1 000 000 reports). SQLite: nothing to do.

from django.db import migrations

from quartier.reports import search_index


def install(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        search_index.install(schema_editor.connection)


def back_to_the_expression_index(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        search_index.uninstall(connection)
        with connection.cursor() as cursor:
            cursor.execute(
                f"CREATE INDEX {search_index.PG_EXPRESSION_INDEX} ON reports_report "
                f"USING gin ({search_index.PG_DOCUMENT})"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0012_report_category_created_index"),
    ]

    operations = [
        migrations.RunPython(install, back_to_the_expression_index, elidable=False),
    ]
