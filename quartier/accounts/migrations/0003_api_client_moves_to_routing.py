# accounts forgets ApiClient; routing owns it now (same table, same rows).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_api_clients"),
        ("routing", "0006_api_client_from_accounts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ApiClient")],
            database_operations=[],
        ),
    ]
