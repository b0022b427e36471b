"""The tally reads kept counts (ADR 0022): every write to a contact must move them.

The app itself only logs contacts; editing or deleting one happens through the models (admin
shell, a future correction form, tests). Each test compares the kept counts with the counts
read from the contacts, and the whole kept table with a full recount.
"""

import datetime as dt
import io
import random
import zoneinfo

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from quartier.residents import access, actions, contact_counts
from quartier.residents.models import Contact, ContactDayCount
from quartier.taxonomy.models import Topic
from testkit.factories import load_needs_taxonomy

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NOW = dt.datetime(2026, 11, 24, 12, 0, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def taxonomy(db):
    load_needs_taxonomy()  # a test that committed may have emptied the tables before


def _topic(code):
    return Topic.objects.get(code=code)


def _log(helper, quarter, *codes, age_band="80_plus", when=NOW):
    contact, _ = actions.log_contact(
        actor=helper, quarter=quarter, place="street", age_band=age_band,
        topics=[_topic(code) for code in codes], now=when,
    )  # fmt: skip
    return contact


def _kept() -> dict:
    rows = ContactDayCount.objects.exclude(contacts=0)
    return {(r.quarter_id, r.day, r.topic_id, r.age_band): r.contacts for r in rows}


def _recounted() -> dict:
    with transaction.atomic():
        kept = _kept()
        contact_counts.rebuild()
        recounted = _kept()
        transaction.set_rollback(True)  # leave the kept counts as the receivers made them
    assert kept == recounted
    return kept


def _tally(quarter, since=NOW - dt.timedelta(days=365)) -> dict:
    kept = contact_counts.tally(quarter, since)
    assert kept == dict(contact_counts.count_from_rows(quarter, since))
    return kept


def test_logging_counts_a_contact_once_per_top_level_topic(helper, quarter):
    everyday, social = _topic("everyday"), _topic("social")
    _log(helper, quarter, "everyday-shopping", "everyday-repairs")  # one "everyday" contact
    _log(helper, quarter, "everyday-shopping", "social-loneliness", age_band="65_79")
    assert _tally(quarter) == {
        (everyday.pk, "80_plus"): 1,
        (everyday.pk, "65_79"): 1,
        (social.pk, "65_79"): 1,
    }
    assert sum(_recounted().values()) == 3


def test_editing_a_contact_moves_its_counts(helper, quarter, other_quarter):
    contact = _log(helper, quarter, "everyday-shopping")
    everyday = _topic("everyday")
    contact.age_band = "under_65"
    contact.save()
    assert _tally(quarter) == {(everyday.pk, "under_65"): 1}
    contact.quarter = other_quarter
    contact.created_at = NOW - dt.timedelta(days=40)
    contact.save()
    assert _tally(quarter) == {}
    assert _tally(other_quarter) == {(everyday.pk, "under_65"): 1}
    assert _tally(other_quarter, since=NOW - dt.timedelta(days=30)) == {}
    assert list(_recounted().values()) == [1]


def test_changing_topics_moves_the_counts(helper, quarter):
    contact = _log(helper, quarter, "everyday-shopping")
    everyday, health = _topic("everyday"), _topic("health")
    contact.topics.add(_topic("everyday-repairs"), _topic("health-doctor"))
    assert _tally(quarter) == {(everyday.pk, "80_plus"): 1, (health.pk, "80_plus"): 1}
    contact.topics.remove(_topic("everyday-shopping"), _topic("everyday-repairs"))
    assert _tally(quarter) == {(health.pk, "80_plus"): 1}
    contact.topics.set([_topic("social-loneliness")])
    assert _tally(quarter) == {(_topic("social").pk, "80_plus"): 1}
    contact.topics.clear()
    assert _tally(quarter) == {}
    _recounted()


def test_deleting_contacts_removes_their_counts(helper, quarter):
    first = _log(helper, quarter, "everyday-shopping")
    for _ in range(3):
        _log(helper, quarter, "everyday-shopping", "health-doctor")
    first.delete()
    assert _tally(quarter) == {
        (_topic("everyday").pk, "80_plus"): 3,
        (_topic("health").pk, "80_plus"): 3,
    }
    Contact.objects.filter(topics__code="health-doctor").delete()
    assert _tally(quarter) == {}
    assert _recounted() == {}


def test_a_write_that_is_rolled_back_leaves_the_counts(helper, quarter):
    _log(helper, quarter, "everyday-shopping")
    before = _recounted()
    with pytest.raises(RuntimeError), transaction.atomic():
        _log(helper, quarter, "health-doctor")
        Contact.objects.first().delete()
        raise RuntimeError
    assert _recounted() == before


def test_moving_a_topic_to_another_parent_counts_again(helper, quarter):
    _log(helper, quarter, "everyday-shopping", "social-loneliness")
    social = _topic("social")
    moved = _topic("everyday-shopping")
    moved.parent = social
    moved.save()
    assert _tally(quarter) == {(social.pk, "80_plus"): 1}
    _recounted()


def test_the_window_starts_inside_a_day(helper, quarter):
    """The first day of the window is counted from the contacts, the later days kept."""
    since = dt.datetime(2026, 3, 29, 10, 0, tzinfo=BERLIN)  # the day the clocks go forward
    _log(helper, quarter, "everyday-shopping", when=since - dt.timedelta(minutes=1))
    _log(helper, quarter, "everyday-shopping", when=since)
    _log(helper, quarter, "health-doctor", when=dt.datetime(2026, 3, 29, 23, 59, tzinfo=BERLIN))
    _log(helper, quarter, "health-doctor", when=dt.datetime(2026, 3, 30, 0, 0, tzinfo=BERLIN))
    _log(helper, quarter, "social-visits", when=dt.datetime(2026, 3, 28, 23, 59, tzinfo=BERLIN))
    everyday, health = _topic("everyday"), _topic("health")
    assert _tally(quarter, since) == {(everyday.pk, "80_plus"): 1, (health.pk, "80_plus"): 2}
    day = dt.datetime(2026, 3, 29, tzinfo=BERLIN)
    assert _tally(quarter, day) == {(everyday.pk, "80_plus"): 2, (health.pk, "80_plus"): 2}
    assert len(_tally(quarter, day - dt.timedelta(minutes=1))) == 3
    days = set(ContactDayCount.objects.values_list("day", flat=True))
    assert days == {dt.date(2026, 3, 28), dt.date(2026, 3, 29), dt.date(2026, 3, 30)}
    _recounted()  # the recount puts them on the same local days


def test_a_contact_leaves_the_tally_after_a_year(client_for, helper, coordinator, quarter):
    for _ in range(5):
        _log(helper, quarter, "everyday-shopping", when=timezone.now() - dt.timedelta(days=364))
    everyday = _topic("everyday")

    def cells(moment):
        table = access.contact_tally_for(
            coordinator, quarter, since=moment - dt.timedelta(days=365)
        )
        return {row["topic"].pk: row["cells"] for row in table["rows"]}[everyday.pk]

    assert cells(timezone.now()) == [0, 0, 5]
    assert cells(timezone.now() + dt.timedelta(days=2)) == [0, 0, 0]


def test_bulk_inserts_are_counted_by_the_rebuild_command(helper, quarter):
    _log(helper, quarter, "everyday-shopping")
    contacts = Contact.objects.bulk_create(
        Contact(quarter=quarter, created_at=NOW, place="street", age_band="65_79") for _ in range(6)
    )
    Contact.topics.through.objects.bulk_create(
        Contact.topics.through(contact_id=c.pk, topic_id=_topic("health-doctor").pk)
        for c in contacts
    )
    assert (_topic("health").pk, "65_79") not in contact_counts.tally(
        quarter, NOW - dt.timedelta(days=1)
    )
    call_command("rebuild_contact_counts", stdout=io.StringIO())
    assert _tally(quarter)[(_topic("health").pk, "65_79")] == 6
    _recounted()


def test_random_writes_keep_the_counts_equal_to_a_recount(helper, quarter, other_quarter):
    rng = random.Random(22)
    helper.quarters.add(other_quarter)
    leaves = list(Topic.objects.filter(parent__isnull=False).order_by("pk"))
    bands = ["under_65", "65_79", "80_plus"]
    for _ in range(60):
        contacts = list(Contact.objects.order_by("pk"))
        choice = rng.random()
        if choice < 0.4 or not contacts:
            when = NOW - dt.timedelta(hours=rng.randint(0, 24 * 20))
            codes = [t.code for t in rng.sample(leaves, rng.randint(1, 3))]
            _log(
                helper,
                rng.choice([quarter, other_quarter]),
                *codes,
                age_band=rng.choice(bands),
                when=when,
            )
            continue
        contact = rng.choice(contacts)
        if choice < 0.55:
            contact.delete()
        elif choice < 0.7:
            contact.topics.set(rng.sample(leaves, rng.randint(0, 3)))
        elif choice < 0.8:
            contact.topics.add(rng.choice(leaves))
        else:
            contact.age_band = rng.choice(bands)
            contact.created_at -= dt.timedelta(hours=rng.randint(0, 48))
            contact.quarter = rng.choice([quarter, other_quarter])
            contact.save()
    _recounted()
    for since in (NOW - dt.timedelta(days=365), NOW - dt.timedelta(days=7, hours=5)):
        _tally(quarter, since)
        _tally(other_quarter, since)
