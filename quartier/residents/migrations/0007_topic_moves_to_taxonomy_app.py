# The needs taxonomy now belongs to the taxonomy app: contacts' and residents' topics point
# there, and residents forgets its Topic model. The table `residents_topic` and every row and
# link stay untouched (state change only).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0006_topic_english_name"),
        ("taxonomy", "0001_topic_from_residents"),
        ("directory", "0003_topics_from_taxonomy_app"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contact",
                    name="topics",
                    field=models.ManyToManyField(related_name="+", to="taxonomy.topic", verbose_name="Themen"),
                ),
                migrations.AlterField(
                    model_name="resident",
                    name="topics",
                    field=models.ManyToManyField(blank=True, related_name="+", to="taxonomy.topic", verbose_name="Themen"),
                ),
                migrations.DeleteModel(name="Topic"),
            ],
            database_operations=[],
        ),
    ]
