"""Kept counts for the residents' tally (ADR 0022): contacts per quarter, day, topic, age band.

The tally (`access.contact_tally_for`) shows, for one quarter and the last 365 days, how many
contacts mentioned each top-level topic, per age band. Counting that from the contacts took
350 ms at a million contacts; the counts are kept per local day in `ContactDayCount` instead
and summed when read. The first day of the window is partly inside it, so that day alone is
counted from the contacts (a quarter's contacts of one day).

Keeping them: model signals, connected in `ResidentsConfig.ready()`, run in the writer's
transaction, so a count changes together with the contact or not at all. Before a change the
affected contacts' keys (quarter, day, top-level topic, age band) are read, after it again,
and the difference is added with one upsert per key (`contacts = contacts + delta`, keys in a
fixed order so that two writers cannot deadlock on PostgreSQL). Moving or deleting a topic
changes the top level of many contacts: everything is counted again (`rebuild`).

Writes that bypass the models (bulk_create, queryset.update, SQL, restores) need
`manage.py rebuild_contact_counts`; the benchmark seeds and the demo loader call it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping

from django.db import connection
from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils import timezone

from quartier.residents.models import Contact, ContactDayCount
from quartier.taxonomy.models import Topic

Key = tuple[int, dt.date, int, str]  # quarter id, local day, top-level topic id, age band


def _zone():
    return timezone.get_default_timezone()


def _top():
    return Coalesce("topic__parent_id", "topic_id")


def keys_of(contact_ids: Iterable[int]) -> Counter:
    """Each contact's keys, once per top-level topic, counted over the given contacts."""
    ids = list(contact_ids)
    if not ids:
        return Counter()
    rows = (
        Contact.topics.through.objects.filter(contact_id__in=ids)
        .annotate(top=_top())
        .values_list(
            "contact_id", "contact__quarter_id", "contact__created_at", "contact__age_band", "top"
        )
    )
    zone = _zone()
    keys = {
        (contact, quarter, timezone.localtime(moment, zone).date(), top, band)
        for contact, quarter, moment, band, top in rows
    }
    return Counter((quarter, day, top, band) for _, quarter, day, top, band in keys)


def add(delta: Mapping[Key, int]) -> None:
    """Add a difference of keys to the kept counts (one upsert per key, in key order)."""
    changes = sorted((key, n) for key, n in delta.items() if n)
    if not changes:
        return
    table = connection.ops.quote_name(ContactDayCount._meta.db_table)
    sql = (
        f"INSERT INTO {table} (quarter_id, day, topic_id, age_band, contacts) "  # noqa: S608
        "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (quarter_id, day, topic_id, age_band) "
        f"DO UPDATE SET contacts = {table}.contacts + excluded.contacts"
    )
    day = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(quarter, day(d), top, band, n) for (quarter, d, top, band), n in changes]
        )


def tally(quarter, since: dt.datetime) -> dict:
    """Contacts in `quarter` created at or after `since`, per (top-level topic id, age band).

    Equal to counting the contacts (`count_from_rows`): whole days after `since`'s day from
    the kept counts, `since`'s own day from the contacts.
    """
    zone = _zone()
    first = timezone.localtime(since, zone).date()
    next_day = dt.datetime.combine(first + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
    kept = (
        ContactDayCount.objects.filter(quarter=quarter, day__gt=first)
        .values("topic_id", "age_band")
        .annotate(n=Sum("contacts"))
    )
    counts: Counter = Counter({(row["topic_id"], row["age_band"]): row["n"] for row in kept})
    counts.update(count_from_rows(quarter, since, until=next_day))
    return {key: n for key, n in counts.items() if n}


def count_from_rows(quarter, since: dt.datetime, until: dt.datetime | None = None) -> Counter:
    """The same counts read from the contacts themselves (the reference, and the partial day)."""
    rows = Contact.topics.through.objects.filter(
        contact__quarter=quarter, contact__created_at__gte=since
    )
    if until is not None:
        rows = rows.filter(contact__created_at__lt=until)
    rows = (
        rows.annotate(top=_top())
        .values("top", "contact__age_band")  # type: ignore[misc]  # "top" is annotated above
        .annotate(n=Count("contact_id", distinct=True))
    )
    return Counter({(row["top"], row["contact__age_band"]): row["n"] for row in rows})


def rebuild(contact_model=Contact, count_model=ContactDayCount, batch_size: int = 5000) -> int:
    """Count everything again from the contacts; returns the number of kept rows.

    Takes the models as arguments so that the migration that fills the table can pass its
    historical ones.
    """
    through = contact_model.topics.through
    rows = (
        through.objects.annotate(
            day=TruncDate("contact__created_at", tzinfo=_zone()),
            top=Coalesce("topic__parent_id", "topic_id"),
            quarter=F("contact__quarter_id"),
            band=F("contact__age_band"),
        )
        .values("quarter", "day", "top", "band")
        .annotate(n=Count("contact_id", distinct=True))
        .order_by()
    )
    count_model.objects.all().delete()
    batch, total = [], 0
    for row in rows.iterator(chunk_size=batch_size):
        batch.append(
            count_model(
                quarter_id=row["quarter"],
                day=row["day"],
                topic_id=row["top"],
                age_band=row["band"],
                contacts=row["n"],
            )
        )
        if len(batch) >= batch_size:
            total += len(count_model.objects.bulk_create(batch))
            batch = []
    total += len(count_model.objects.bulk_create(batch))
    return total


# --- Receivers (run in the writer's transaction) ------------------------------------------------


def _contact_before_save(sender, instance, raw=False, **kwargs):
    if not raw and not instance._state.adding and instance.pk:
        instance._counted_before = keys_of([instance.pk])


def _contact_saved(sender, instance, created=False, raw=False, **kwargs):
    # A contact just inserted has no topics yet: it counts from its first topic on.
    if raw or created:
        return
    before = getattr(instance, "_counted_before", Counter())
    add(_difference(before, keys_of([instance.pk])))
    instance._counted_before = Counter()


def _difference(before: Counter, after: Counter) -> dict[Key, int]:
    return {key: after.get(key, 0) - before.get(key, 0) for key in before.keys() | after.keys()}


def _contact_deleted(sender, instance, **kwargs):
    add({key: -n for key, n in keys_of([instance.pk]).items()})


def _topics_changing(sender, instance, action, reverse, pk_set=None, **kwargs):
    if isinstance(instance, Contact):
        contacts = [instance.pk]
    elif action in ("pre_clear", "post_clear"):  # from the topic's side
        through = Contact.topics.through.objects.filter(topic_id=instance.pk)
        contacts = list(through.values_list("contact_id", flat=True))
    else:
        contacts = list(pk_set or [])
    if action.startswith("pre_"):
        instance._counted_contacts = contacts
        instance._counted_before = keys_of(contacts)
    elif action.startswith("post_"):
        contacts = getattr(instance, "_counted_contacts", contacts)
        before = getattr(instance, "_counted_before", Counter())
        add(_difference(before, keys_of(contacts)))
        instance._counted_before = Counter()


def _topic_before_save(sender, instance, raw=False, **kwargs):
    if raw or instance._state.adding or not instance.pk:
        return
    old = Topic.objects.filter(pk=instance.pk).values_list("parent_id", flat=True).first()
    instance._parent_moved = old != instance.parent_id


def _topic_saved(sender, instance, raw=False, **kwargs):
    if not raw and getattr(instance, "_parent_moved", False):
        instance._parent_moved = False
        rebuild()


def _topic_deleted(sender, instance, **kwargs):
    rebuild()


def connect() -> None:
    uid = "residents-contact-counts"
    pre_save.connect(_contact_before_save, sender=Contact, dispatch_uid=f"{uid}-pre-save")
    post_save.connect(_contact_saved, sender=Contact, dispatch_uid=f"{uid}-save")
    pre_delete.connect(_contact_deleted, sender=Contact, dispatch_uid=f"{uid}-delete")
    m2m_changed.connect(_topics_changing, sender=Contact.topics.through, dispatch_uid=f"{uid}-m2m")
    pre_save.connect(_topic_before_save, sender=Topic, dispatch_uid=f"{uid}-topic-pre-save")
    post_save.connect(_topic_saved, sender=Topic, dispatch_uid=f"{uid}-topic-save")
    post_delete.connect(_topic_deleted, sender=Topic, dispatch_uid=f"{uid}-topic-delete")
