"""The needs taxonomy of DOMAIN.md § 5 (the data lives in quartier.taxonomy.needs)."""

from django.db import migrations

from quartier.taxonomy.needs import load_into


def load(apps, schema_editor):
    load_into(apps.get_model("residents", "Topic"))


def unload(apps, schema_editor):
    Topic = apps.get_model("residents", "Topic")
    Topic.objects.filter(parent__isnull=False).delete()
    Topic.objects.filter(parent__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_topic_taxonomy")]

    operations = [migrations.RunPython(load, unload)]
