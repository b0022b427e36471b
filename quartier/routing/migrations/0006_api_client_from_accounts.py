# Open311 API clients move from `accounts` to `routing` (they answer for a routing partner).
# The table `accounts_apiclient` and its rows stay; only Django's model state changes hands.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("routing", "0005_authority_english_name"),
        ("accounts", "0002_api_clients"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ApiClient",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=160, unique=True, verbose_name="Partnersystem")),
                        ("key_hash", models.CharField(editable=False, max_length=64, unique=True)),
                        ("key_prefix", models.CharField(editable=False, max_length=8, verbose_name="Schlüsselanfang")),
                        ("is_active", models.BooleanField(default=True, verbose_name="aktiv")),
                        ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="Ausgestellt am")),
                        ("revoked_at", models.DateTimeField(blank=True, editable=False, null=True, verbose_name="Gesperrt am")),
                        ("authority", models.ForeignKey(blank=True, help_text="Statusmeldungen dieses Systems gelten als Antwort dieses Partners.", null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="api_clients", to="routing.authority", verbose_name="Behörde / Partner")),
                    ],
                    options={
                        "verbose_name": "API-Zugang (Open311)",
                        "verbose_name_plural": "API-Zugänge (Open311)",
                        "ordering": ["name"],
                        "db_table": "accounts_apiclient",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
