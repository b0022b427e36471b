# The API clients' table takes its app's name: `accounts_apiclient` becomes `routing_apiclient`.
# A rename: every key (hashed) and its authority stay.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('routing', '0006_api_client_from_accounts'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='apiclient',
            table=None,
        ),
    ]
