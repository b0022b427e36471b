# Entries' topics now point at taxonomy.Topic: same table, same rows, state change only.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0002_directory_entry_topics"),
        ("taxonomy", "0001_topic_from_residents"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="directoryentry",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="directory_entries", to="taxonomy.topic", verbose_name="Themen"),
                ),
            ],
            database_operations=[],
        ),
    ]
