# Kept counts for the residents' tally (ADR 0022), filled from the existing contacts.

import django.db.models.deletion
from django.db import migrations, models


def count_existing_contacts(apps, schema_editor):
    from quartier.residents.contact_counts import rebuild

    rebuild(apps.get_model("residents", "Contact"), apps.get_model("residents", "ContactDayCount"))


class Migration(migrations.Migration):

    dependencies = [
        ('areas', '0002_address_register'),
        ('residents', '0007_topic_moves_to_taxonomy_app'),
        ('taxonomy', '0002_topic_table_under_taxonomy'),
    ]

    operations = [
        migrations.CreateModel(
            name='ContactDayCount',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('age_band', models.CharField(choices=[('under_65', 'unter 65'), ('65_79', '65–79'), ('80_plus', '80 und älter')], max_length=10)),
                ('contacts', models.IntegerField(default=0)),
                ('quarter', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='areas.quarter')),
                ('topic', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='taxonomy.topic')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('quarter', 'day', 'topic', 'age_band'), name='contact_day_count_key')],
            },
        ),
        migrations.RunPython(count_existing_contacts, migrations.RunPython.noop, elidable=True),
    ]
