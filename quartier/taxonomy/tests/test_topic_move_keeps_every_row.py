"""The needs taxonomy moved from `residents` to `taxonomy`: a database migrated before the move
keeps every topic and every link from contacts, residents and Wegweiser entries, also when the
table is then renamed after its app (`taxonomy_topic`)."""

import pytest
from django.db import connection
from django.utils import timezone

from quartier.taxonomy import needs

BEFORE = [
    ("residents", "0003_contacts_residents_consent_help_referrals"),
    ("directory", "0002_directory_entry_topics"),
    ("taxonomy", None),
]
AFTER = [
    ("residents", "0007_topic_moves_to_taxonomy_app"),
    ("directory", "0003_topics_from_taxonomy_app"),
    ("taxonomy", "0001_topic_from_residents"),
]


def fill_the_old_schema(apps):
    Topic = apps.get_model("residents", "Topic")
    needs.load_into(Topic)  # a flushed test database lost the data migration's rows
    Quarter = apps.get_model("areas", "Quarter")
    quarter = Quarter.objects.create(name="Testviertel", slug="testviertel", geometry={})
    health = Topic.objects.get(code="health-doctor")
    shopping = Topic.objects.get(code="everyday-shopping")
    entry = apps.get_model("directory", "DirectoryEntry").objects.create(name="Seniorentreff")
    entry.topics.set([health, shopping])
    now = timezone.now()
    contact = apps.get_model("residents", "Contact").objects.create(
        created_at=now, place="street", age_band="80_plus", language="de", quarter=quarter
    )
    contact.topics.set([shopping])
    resident = apps.get_model("residents", "Resident").objects.create(
        created_at=now, last_contact_at=now, quarter=quarter
    )
    resident.topics.set([health])
    return {
        "topics": set(Topic.objects.values_list("pk", "code", "parent_id", "is_sensitive")),
        "entry": (entry.pk, {health.pk, shopping.pk}),
        "contact": (contact.pk, {shopping.pk}),
        "resident": (resident.pk, {health.pk}),
    }


@pytest.mark.slow(seconds=8)
@pytest.mark.django_db(transaction=True)
def test_the_move_keeps_every_topic_and_every_link(migrations):
    before = fill_the_old_schema(migrations.to(BEFORE))
    apps = migrations.to(AFTER)
    Topic = apps.get_model("taxonomy", "Topic")
    after = set(Topic.objects.values_list("pk", "code", "parent_id", "is_sensitive"))
    assert after == before["topics"]
    assert len(after) > 40  # the whole taxonomy, not an empty table
    for model, key in [
        (("directory", "DirectoryEntry"), "entry"),
        (("residents", "Contact"), "contact"),
        (("residents", "Resident"), "resident"),
    ]:
        pk, topic_ids = before[key]
        row = apps.get_model(*model).objects.get(pk=pk)
        assert set(row.topics.values_list("pk", flat=True)) == topic_ids
        assert row.topics.model is Topic
    # Then the table takes the app's name (taxonomy 0002): still every row and link.
    migrations.to_latest()
    from quartier.directory.models import DirectoryEntry
    from quartier.taxonomy.models import Topic as CurrentTopic

    assert CurrentTopic._meta.db_table == "taxonomy_topic"
    current = set(CurrentTopic.objects.values_list("pk", "code", "parent_id", "is_sensitive"))
    assert current == before["topics"]
    pk, topic_ids = before["entry"]
    entry = DirectoryEntry.objects.get(pk=pk)
    assert set(entry.topics.values_list("pk", flat=True)) == topic_ids
    assert "residents_topic" not in connection.introspection.table_names()
