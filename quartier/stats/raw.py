"""Rows of the raw anonymised exports for the city's statistics office (see `exports.py`).

Read in batches by id (keyset), so an export of a year streams with bounded memory and new
rows written meanwhile never break it: the export covers what existed when each batch ran.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from quartier.residents.models import Contact
from quartier.stats import queries
from quartier.stats.periods import Period

BATCH = 5000
REPORT_HEADER = [
    "nummer", "kategorie", "oberkategorie", "status", "monat", "quartier",
    "selbst_erledigt", "saecke", "breite_gerundet", "laenge_gerundet",
]  # fmt: skip
CONTACT_HEADER = ["monat", "quartier", "ort", "altersgruppe", "sprache", "wiederholt", "themen"]


def rows(kind: str, period: Period) -> tuple[list[str], Iterator[list]]:
    if kind == "meldungen":
        return REPORT_HEADER, _reports(period)
    if kind == "gespraeche":
        return CONTACT_HEADER, _contacts(period)
    raise Http404


def _batches(qs, fields):
    last = 0
    while True:
        batch = list(qs.filter(pk__gt=last).order_by("pk").values_list("pk", *fields)[:BATCH])
        if not batch:
            return
        yield batch
        last = batch[-1][0]


def _month(moment) -> str:
    return f"{timezone.localtime(moment):%Y-%m}"


def _reports(period: Period):
    quarters = queries.quarter_names()
    fields = [
        "category__code", "category__parent__code", "status", "created_at", "quarter_id",
        "resolved_by_helper", "bags_count", "latitude", "longitude",
    ]  # fmt: skip
    for batch in _batches(queries.report_qs(period), fields):
        for pk, code, parent, status, created, quarter, by_helper, bags, lat, lon in batch:
            yield [
                pk, code, parent or "", status, _month(created), quarters.get(quarter, ""),
                "ja" if by_helper else "nein", bags or "", round(lat, 3), round(lon, 3),
            ]  # fmt: skip


def _contacts(period: Period):
    quarters = queries.quarter_names()
    start, end = period.bounds()
    qs = Contact.objects.filter(created_at__gte=start, created_at__lt=end)
    fields = ["created_at", "quarter_id", "place", "age_band", "language", "is_repeat"]
    topic_model = Contact._meta.get_field("topics").related_model
    codes = dict(topic_model.objects.values_list("pk", "code"))
    through = Contact.topics.through
    for batch in _batches(qs, fields):
        ids = [row[0] for row in batch]
        topics: dict[int, set] = {}
        links = through.objects.filter(contact_id__in=ids).annotate(
            top=Coalesce("topic__parent_id", "topic_id")
        )
        for contact_id, top in links.values_list("contact_id", "top"):
            topics.setdefault(contact_id, set()).add(codes.get(top, ""))
        for pk, created, quarter, place, band, language, repeat in batch:
            yield [
                _month(created), quarters.get(quarter, ""), place, band, language,
                "ja" if repeat else "nein", " ".join(sorted(topics.get(pk, ()))),
            ]  # fmt: skip
