# The needs taxonomy's table takes its app's name: `residents_topic` becomes `taxonomy_topic`.
# A rename: every row, id and link (contacts, residents, Wegweiser entries) stays.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('taxonomy', '0001_topic_from_residents'),
    ]

    operations = [
        migrations.AlterModelTable(
            name='topic',
            table=None,
        ),
    ]
