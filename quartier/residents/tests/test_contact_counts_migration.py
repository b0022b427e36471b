"""Migrating a database with contacts fills the tally's kept counts from them (0008)."""

import datetime as dt
import zoneinfo

import pytest

from quartier.taxonomy import needs

TAXONOMY = ("taxonomy", "0002_topic_table_under_taxonomy")
BEFORE = [("residents", "0007_topic_moves_to_taxonomy_app"), TAXONOMY]
AFTER = [("residents", "0008_contact_day_counts"), TAXONOMY]
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


@pytest.mark.slow(seconds=8)
@pytest.mark.django_db(transaction=True)
def test_the_migration_counts_the_existing_contacts(migrations):
    apps = migrations.to(BEFORE)
    Topic = apps.get_model("taxonomy", "Topic")
    needs.load_into(Topic)  # a flushed test database lost the data migration's rows
    quarter = apps.get_model("areas", "Quarter").objects.create(
        name="Testviertel", slug="testviertel", geometry={}
    )
    Contact = apps.get_model("residents", "Contact")
    shopping, repairs, doctor = (
        Topic.objects.get(code=code)
        for code in ("everyday-shopping", "everyday-repairs", "health-doctor")
    )
    # 00:30 in Krefeld is the evening before in UTC: the day is the local one.
    late = dt.datetime(2026, 3, 30, 0, 30, tzinfo=BERLIN)
    for topics in ([shopping, repairs], [shopping, doctor], [doctor]):
        contact = Contact.objects.create(
            created_at=late, place="street", age_band="80_plus", language="de",
            quarter=quarter,
        )  # fmt: skip
        contact.topics.set(topics)
    apps = migrations.to(AFTER)
    rows = apps.get_model("residents", "ContactDayCount").objects.all()
    counts = {(r.quarter_id, r.day, r.topic_id, r.age_band): r.contacts for r in rows}
    day = dt.date(2026, 3, 30)
    assert counts == {
        (quarter.pk, day, shopping.parent_id, "80_plus"): 2,
        (quarter.pk, day, doctor.parent_id, "80_plus"): 2,
    }
