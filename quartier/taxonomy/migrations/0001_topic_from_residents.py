# The needs taxonomy moves from `residents` to its own app. The table and its rows stay where
# they are (`residents_topic`); only Django's model state changes hands.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("residents", "0006_topic_english_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Topic",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=100, verbose_name="Name")),
                        ("name_en", models.CharField(blank=True, max_length=100, verbose_name="Name (Englisch)")),
                        ("code", models.SlugField(max_length=60, unique=True, verbose_name="Code")),
                        ("order", models.PositiveSmallIntegerField(default=0, verbose_name="Reihenfolge")),
                        ("is_sensitive", models.BooleanField(default=False, help_text="Gesundheit: nur mit schriftlicher Einwilligung einer Person zuzuordnen.", verbose_name="besonders schützenswert")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktiv")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="taxonomy.topic", verbose_name="Oberthema")),
                    ],
                    options={
                        "verbose_name": "Thema",
                        "verbose_name_plural": "Themen",
                        "ordering": ["order", "name"],
                        "db_table": "residents_topic",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
